// Entry point of the session client for the views: `createSessionClient()` plus the types.
export { createSessionClient } from './client.ts';
export { memoryCredentials, storageCredentials } from './credentials.ts';
export { codeFromInput, deviceNameFromUserAgent, readFragment } from './fragment.ts';
export type * from './types.ts';
