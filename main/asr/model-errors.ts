import { UserError } from '../cli/user-error.ts';

/** The named model is not installed (or its install is incomplete): say which command fixes it. */
export class ModelMissingError extends UserError {
  constructor(readonly modelName: string, readonly modelsDir: string) {
    super(`speech model "${modelName}" is not installed in ${modelsDir}. Install it with: npx klachtcoach models download ${modelName}`);
    this.name = 'ModelMissingError';
  }
}
