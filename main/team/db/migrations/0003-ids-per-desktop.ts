// Ids of calls, findings and desktop marks are scoped to the desktop that sent them
// ("<device id>.<desktop's id>", see serverItemId in sync-contract.ts): ids made from a timestamp
// collided between desktops, and one desktop could claim ids another would use. Rows already
// stored move to the scoped form; rows whose desktop was deleted (device_id NULL) keep theirs.
export const name = '0003-ids-per-desktop';

export const sql = /* sql */ `
ALTER TABLE findings DROP CONSTRAINT findings_call_id_fkey;
ALTER TABLE marks DROP CONSTRAINT marks_finding_id_fkey;

UPDATE marks m
   SET finding_id = c.device_id || '.' || m.finding_id,
       id = CASE WHEN m.author_kind = 'desktop' THEN c.device_id || '.' || m.id ELSE m.id END
  FROM findings f JOIN calls c ON c.id = f.call_id
 WHERE f.id = m.finding_id AND c.device_id IS NOT NULL;

UPDATE findings f
   SET id = c.device_id || '.' || f.id, call_id = c.device_id || '.' || f.call_id
  FROM calls c
 WHERE c.id = f.call_id AND c.device_id IS NOT NULL;

UPDATE calls SET id = device_id || '.' || id WHERE device_id IS NOT NULL;

ALTER TABLE findings ADD CONSTRAINT findings_call_id_fkey FOREIGN KEY (call_id) REFERENCES calls(id) ON DELETE CASCADE;
ALTER TABLE marks ADD CONSTRAINT marks_finding_id_fkey FOREIGN KEY (finding_id) REFERENCES findings(id) ON DELETE CASCADE;
`;
