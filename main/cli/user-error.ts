/** A problem the user can fix (bad file, missing model, wrong option): printed without a stack. */
export class UserError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'UserError';
  }
}
