// Which speech model `analyze` (and the app) should use: the one asked for, or else the first
// installed model in manifest order (whisper-base first: the model the live path can keep up with,
// so a recorded call is judged on the same text the live coach would have seen).
import { join } from 'node:path';
import { loadManifest } from '../../models/manifest.ts';
import { modelsDir as defaultModelsDir } from '../../models/paths.ts';
import { readReceipt } from '../../models/receipt.ts';
import { ModelMissingError } from './model-errors.ts';

export function installedModels(modelsDir = defaultModelsDir()): string[] {
  return Object.keys(loadManifest().models).filter((name) => readReceipt(join(modelsDir, name)) !== null);
}

/** The model to load, or null when none is installed and none was asked for. */
export function pickModel(requested: string | undefined, modelsDir = defaultModelsDir()): string | null {
  if (requested) {
    if (readReceipt(join(modelsDir, requested)) === null) throw new ModelMissingError(requested, modelsDir);
    return requested;
  }
  return installedModels(modelsDir)[0] ?? null;
}
