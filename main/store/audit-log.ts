// Who did what in the review screens (sign-ins, marks, exports, deletions), as research/security.md
// §5 asks for role-based supervisor access with an audit log.
import type { CallStore } from './open-store.ts';

export function appendAudit(store: CallStore, actor: string, action: string, target = ''): void {
  store.db.prepare('INSERT INTO audit_log (at_ms, actor, action, target) VALUES (?, ?, ?, ?)').run(store.now(), actor, action, target);
}

export interface AuditEntry {
  atMs: number;
  actor: string;
  action: string;
  target: string;
}

export function readAudit(store: CallStore, limit = 100): AuditEntry[] {
  return store.db
    .prepare('SELECT at_ms AS atMs, actor, action, target FROM audit_log ORDER BY id DESC LIMIT ?')
    .all(limit) as AuditEntry[];
}
