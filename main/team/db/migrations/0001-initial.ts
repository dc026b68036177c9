// The team database. Ids made on a desktop (calls, findings, desktop marks) are text primary keys,
// so a desktop that sends the same item twice upserts instead of inserting a copy. Agents are
// known by a pseudonym (agents.id); a display name exists only when the organisation's policy
// allows names. Retention days live on the organisation and are enforced by the purge job and
// by every read.
export const name = '0001-initial';

export const sql = /* sql */ `
CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE,
  sharing text NOT NULL DEFAULT 'agent-chooses' CHECK (sharing IN ('share-all', 'agent-chooses')),
  share_snippets boolean NOT NULL DEFAULT false,
  show_agent_names boolean NOT NULL DEFAULT false,
  snippet_retention_days integer NOT NULL DEFAULT 30 CHECK (snippet_retention_days BETWEEN 1 AND 3650),
  finding_retention_days integer NOT NULL DEFAULT 90 CHECK (finding_retention_days BETWEEN 1 AND 3650),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE teams (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  name text NOT NULL,
  UNIQUE (org_id, name)
);

CREATE TABLE agents (
  id text PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  team_id uuid NOT NULL REFERENCES teams(id),
  display_name text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agents_team ON agents (team_id);

CREATE TABLE staff (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('admin', 'supervisor', 'trainer')),
  team_id uuid REFERENCES teams(id),
  name text NOT NULL,
  token_hash bytea NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  CHECK (role <> 'supervisor' OR team_id IS NOT NULL)
);

CREATE TABLE enrolment_codes (
  code_hash bytea PRIMARY KEY,
  agent_id text NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  created_by uuid NOT NULL REFERENCES staff(id),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE TABLE devices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agent_id text NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  name text NOT NULL,
  token_hash bytea NOT NULL UNIQUE,
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz,
  revoked_at timestamptz
);

CREATE TABLE calls (
  id text PRIMARY KEY,
  agent_id text NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  device_id uuid REFERENCES devices(id) ON DELETE SET NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  summary jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX calls_agent_time ON calls (agent_id, started_at DESC);

CREATE TABLE findings (
  id text PRIMARY KEY,
  call_id text NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
  agent_id text NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  occurred_at timestamptz NOT NULL,
  kind text NOT NULL,
  behaviour text NOT NULL,
  rule_id text NOT NULL,
  at_ms double precision NOT NULL,
  severity text NOT NULL,
  source text NOT NULL,
  tip text NOT NULL,
  -- The agent's words around the flag: only when the policy shares snippets, and only until
  -- the snippet retention has passed.
  snippet text,
  evidence jsonb NOT NULL DEFAULT '{}',
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX findings_agent_time ON findings (agent_id, occurred_at DESC, id DESC);
CREATE INDEX findings_call ON findings (call_id, at_ms);
-- Newest-first review lists across a team page backwards through this index.
CREATE INDEX findings_time ON findings (occurred_at, id);

CREATE TABLE marks (
  id text PRIMARY KEY,
  finding_id text NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
  -- 'desktop' marks were made on the agent's machine; staff marks name the staff member.
  author_kind text NOT NULL CHECK (author_kind IN ('desktop', 'staff')),
  staff_id uuid REFERENCES staff(id),
  verdict text NOT NULL CHECK (verdict IN ('right', 'wrong')),
  comment text,
  marked_at timestamptz NOT NULL
);
CREATE INDEX marks_finding ON marks (finding_id);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  staff_id uuid REFERENCES staff(id),
  action text NOT NULL,
  agent_id text,
  call_id text,
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_org_time ON audit_log (org_id, at DESC);
CREATE INDEX audit_agent ON audit_log (agent_id, at DESC);
`;
