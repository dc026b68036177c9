/** A problem with the call store the user can act on (unreadable file, newer schema, unknown call). */
export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}
