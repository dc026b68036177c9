// What an enrolled desktop may do: enrol once with a code, then send sync batches and read the
// organisation's policy. Nothing here reads another agent's data.
import type pg from 'pg';
import { inTransaction } from '../db/pool.ts';
import { HttpError } from '../http/http-error.ts';
import type { Route } from '../http/router.ts';
import { ingestBatch } from '../ingest.ts';
import { loadPolicy } from '../policy.ts';
import type { DevicePrincipal, Principal } from '../principal.ts';
import { EnrolRequest, SyncBatch, type EnrolReply, type SyncReply } from '../sync-contract.ts';
import { hashSecret, newToken, normaliseEnrolmentCode } from '../tokens.ts';

function device(p: Principal): DevicePrincipal {
  if (p.kind !== 'device') throw new HttpError(403, 'enrolled desktops only');
  return p;
}

export function deviceRoutes(pool: pg.Pool): Route<Principal>[] {
  return [
    {
      method: 'POST', path: '/api/enrol', access: 'enrolment-code',
      async handler({ body }) {
        const input = await body(EnrolRequest);
        const reply = await inTransaction(pool, async (client): Promise<EnrolReply> => {
          // FOR UPDATE: two desktops racing with one code cannot both get a token.
          const { rows } = await client.query<{ agent_id: string; org_id: string }>(
            `SELECT e.agent_id, a.org_id FROM enrolment_codes e JOIN agents a ON a.id = e.agent_id
              WHERE e.code_hash = $1 AND e.used_at IS NULL AND e.expires_at > now() FOR UPDATE OF e`,
            [hashSecret(normaliseEnrolmentCode(input.code))],
          );
          const code = rows[0];
          if (!code) throw new HttpError(401, 'enrolment code unknown, already used or expired; ask your admin for a new one');
          await client.query('UPDATE enrolment_codes SET used_at = now() WHERE code_hash = $1', [hashSecret(normaliseEnrolmentCode(input.code))]);
          const token = newToken('dev');
          const dev = await client.query<{ id: string }>(
            'INSERT INTO devices (agent_id, name, token_hash) VALUES ($1, $2, $3) RETURNING id',
            [code.agent_id, input.deviceName, hashSecret(token)],
          );
          return { deviceId: dev.rows[0]!.id, agentId: code.agent_id, token, policy: await loadPolicy(client, code.org_id) };
        });
        return { status: 201, body: reply };
      },
    },
    {
      method: 'GET', path: '/api/sync/policy', access: 'device',
      async handler({ principal }) {
        return { status: 200, body: { policy: await loadPolicy(pool, device(principal).orgId) } };
      },
    },
    {
      method: 'POST', path: '/api/sync', access: 'device',
      async handler({ principal, body }) {
        const dev = device(principal);
        const batch = await body(SyncBatch);
        const reply = await inTransaction(pool, async (client): Promise<SyncReply> => {
          const policy = await loadPolicy(client, dev.orgId);
          return { results: await ingestBatch(client, dev, policy, batch.items), policy };
        });
        return { status: 200, body: reply };
      },
    },
  ];
}
