// `klachtcoach models list | download NAME [--accept-hub-sums]`: what speech models are
// supported, which are installed, and fetching one from the Hugging Face hub into the user's
// data folder. The only command that touches the network; loading a model never does.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadManifest } from '../../models/manifest.ts';
import { installModel, InstallError } from '../../models/install.ts';
import { hubEndpoint, modelsDir } from '../../models/paths.ts';
import { ProgressBar } from '../../models/progress.ts';
import { readReceipt } from '../../models/receipt.ts';
import { UserError } from './user-error.ts';

const USAGE = 'models list | models download NAME [--accept-hub-sums]';

function list(): number {
  const manifest = loadManifest();
  const dir = modelsDir();
  console.log(`Models folder: ${dir}`);
  for (const [name, entry] of Object.entries(manifest.models)) {
    const receipt = readReceipt(join(dir, name));
    const unverified = entry.files.filter((f) => f.sha256 === null).length;
    const status = receipt
      ? `installed ${receipt.installedAt.slice(0, 10)}, ${(receipt.files.reduce((n, f) => n + f.sizeBytes, 0) / 1024 / 1024).toFixed(0)} MB`
      : existsSync(join(dir, '.partial', name)) ? 'partly downloaded (run download again to resume)' : 'not installed';
    console.log(`  ${name.padEnd(16)} ${status}`);
    console.log(`  ${''.padEnd(16)} ${entry.repo}@${entry.revision}, encoder ${entry.dtype.encoder_model}, decoder ${entry.dtype.decoder_model_merged}${unverified ? `, ${unverified} file sums not yet in the manifest` : ''}`);
    console.log(`  ${''.padEnd(16)} ${entry.description}`);
  }
  return 0;
}

async function download(args: string[]): Promise<number> {
  const acceptHubSums = args.includes('--accept-hub-sums');
  const names = args.filter((a) => !a.startsWith('--'));
  const unknownFlag = args.find((a) => a.startsWith('--') && a !== '--accept-hub-sums');
  if (unknownFlag) throw new UserError(`unknown option ${unknownFlag}\nUsage: klachtcoach ${USAGE}`, 2);
  const manifest = loadManifest();
  const name = names[0];
  if (!name || names.length > 1) throw new UserError(`name one model to download: ${Object.keys(manifest.models).join(', ')}`, 2);
  const entry = manifest.models[name];
  if (!entry) throw new UserError(`unknown model "${name}"; supported: ${Object.keys(manifest.models).join(', ')}`, 2);
  const dir = modelsDir();
  try {
    const receipt = await installModel({
      name,
      entry,
      modelsDir: dir,
      endpoint: hubEndpoint(),
      acceptHubSums,
      progress: new ProgressBar(process.stderr),
      log: (line) => console.error(line),
    });
    console.log(`Installed ${name} in ${join(dir, name)}`);
    if (receipt.files.some((f) => f.sumSource !== 'manifest')) {
      console.log('Sums to pin in models/manifest.json (verified against the hub, not yet reviewed):');
      for (const f of receipt.files) console.log(`  ${f.path}  ${f.sha256}  (${f.sumSource}, ${f.sizeBytes} bytes)`);
    }
    return 0;
  } catch (err) {
    if (err instanceof InstallError) throw new UserError(err.message);
    throw err;
  }
}

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'list') return list();
  if (sub === 'download') return download(rest);
  throw new UserError(`Usage: klachtcoach ${USAGE}`, 2);
}
