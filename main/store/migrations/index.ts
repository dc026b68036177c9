// Every schema step in order. Append new steps as the next numbered file;
// never edit or reorder a released one.
import type { Migration } from './migration.ts';
import { initialSchema } from './0001-initial.ts';
import { teamOutbox } from './0002-team-outbox.ts';
import { practiceRounds } from './0003-practice-rounds.ts';
import { turnSegments } from './0004-turn-segments.ts';

export const MIGRATIONS: readonly Migration[] = [initialSchema, teamOutbox, practiceRounds, turnSegments];
