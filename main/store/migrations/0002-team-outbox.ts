// Step 2: the outbox for the team server. Its SQL lives with the sync code that owns the tables
// (main/sync/outbox-schema.ts) so the outbox can also run on a bare handle in tests; here it
// becomes a numbered step of the call store, so the app's calls.sqlite always has it.
export { teamOutboxMigration as teamOutbox } from '../../sync/outbox-schema.ts';
