// Each call's turn segments (who spoke when: timing only, no words) travel with the call when the
// organisation shares every moment, so the team's review can draw the customer's timing beside the
// flags. They live on the call row, so the calls' retention purge removes them with it.
export const name = '0004-call-turns';

export const sql = /* sql */ `
ALTER TABLE calls ADD COLUMN turns jsonb;
`;
