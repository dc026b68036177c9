// A real team server on a throwaway PostgreSQL, for one test file: migrated, with one
// organisation and its admin token, listening on 127.0.0.1.
import type pg from 'pg';
import { createPool } from '../../../main/team/db/pool.ts';
import { migrate } from '../../../main/team/db/migrate.ts';
import { createOrganisation } from '../../../main/team/provisioning.ts';
import { startTeamServer, type RunningTeamServer, type TeamServerOptions } from '../../../main/team/server.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from './throwaway-postgres.ts';

export interface TeamFixture {
  pg: ThrowawayPostgres;
  pool: pg.Pool;
  server: RunningTeamServer;
  orgId: string;
  adminToken: string;
  api: <T = Record<string, unknown>>(token: string | null, method: string, path: string, body?: unknown) => Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

export async function startTeamFixture(serverOptions: Partial<TeamServerOptions> = {}): Promise<TeamFixture> {
  const pgServer = await startThrowawayPostgres();
  const pool = createPool({ url: pgServer.url, max: 20 });
  await migrate(pool);
  const { orgId, adminToken } = await createOrganisation(pool, 'Testbedrijf');
  const server = await startTeamServer({ pool, purgeIntervalMs: 0, ...serverOptions });
  const api: TeamFixture['api'] = async (token, method, path, body) => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(server.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as never };
  };
  return {
    pg: pgServer,
    pool,
    server,
    orgId,
    adminToken,
    api,
    async close() {
      await server.close();
      await pool.end();
      pgServer.destroy();
    },
  };
}

/** Admin API helper: team + agent + enrolment code in one go. */
export async function addAgent(f: TeamFixture, teamId: string, displayName?: string): Promise<{ agentId: string; code: string }> {
  const res = await f.api<{ agentId: string; enrolmentCode: string }>(f.adminToken, 'POST', '/api/admin/agents', { teamId, displayName });
  if (res.status !== 201) throw new Error(`create agent failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { agentId: res.body.agentId, code: res.body.enrolmentCode };
}

export async function addTeam(f: TeamFixture, name: string): Promise<string> {
  const res = await f.api<{ teamId: string }>(f.adminToken, 'POST', '/api/admin/teams', { name });
  if (res.status !== 201) throw new Error(`create team failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.teamId;
}

export async function addStaff(f: TeamFixture, role: 'admin' | 'supervisor' | 'trainer', name: string, teamId?: string): Promise<string> {
  const res = await f.api<{ token: string }>(f.adminToken, 'POST', '/api/admin/staff', { role, name, teamId });
  if (res.status !== 201) throw new Error(`create staff failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}
