// A failed sign-in on the review screens is audited even when the name belongs to nobody: such a
// row has no organisation to file it under, so audit_log.org_id may be NULL (operators see those
// rows in the database; each organisation's admin sees the rows naming their own staff).
export const name = '0002-audit-failed-sign-in';

export const sql = /* sql */ `
ALTER TABLE audit_log ALTER COLUMN org_id DROP NOT NULL;
`;
