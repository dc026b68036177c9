#!/usr/bin/env node
// The command line from its TypeScript sources through tsx, for development and the tests, so
// they never run a stale bundle. Users and the app run the bundle (bin/klachtcoach.mjs).
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/bin.ts');
