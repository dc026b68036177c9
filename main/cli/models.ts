// `klachtcoach models list | download | install | export`: what speech models are supported and
// installed; fetching one, pinned to a commit and checked file by file, from the Hugging Face hub
// or an internal mirror; installing one from a folder on an air-gapped desktop; and writing such
// a folder from an installed model. Loading a model never touches the network.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { exportModel } from '../../models/export.ts';
import { installModel, InstallError } from '../../models/install.ts';
import { loadManifest, pinnedSum, unpinnedFiles, type ModelEntry } from '../../models/manifest.ts';
import { hubEndpoint, modelsDir } from '../../models/paths.ts';
import { ProgressBar } from '../../models/progress.ts';
import { readReceipt, type InstallReceipt } from '../../models/receipt.ts';
import { folderSource, httpSource, type ModelSource } from '../../models/sources.ts';
import { httpUrlOption, UserError } from './user-error.ts';

const USAGE = 'models list | models download NAME [--mirror URL] [--accept-hub-sums] | models install NAME --from DIR | models export NAME DIR';

/** Which options each subcommand takes, and how many positionals after NAME. */
const SUBCOMMANDS: Record<string, { options: string[]; extra: number }> = {
  list: { options: [], extra: 0 },
  download: { options: ['mirror', 'accept-hub-sums'], extra: 0 },
  install: { options: ['from'], extra: 0 },
  export: { options: [], extra: 1 },
};

function status(dir: string, name: string, entry: ModelEntry): string {
  const receipt = readReceipt(join(dir, name));
  if (!receipt) return existsSync(join(dir, '.partial', name)) ? 'partly installed (run the same command again to resume)' : 'not installed';
  const size = `${(receipt.files.reduce((n, f) => n + f.sizeBytes, 0) / 1024 / 1024).toFixed(0)} MB`;
  const stale = receipt.revision === entry.revision ? '' : `; from revision ${receipt.revision}, the manifest now pins another: run download again`;
  return `installed ${receipt.installedAt.slice(0, 10)}, ${size}${stale}`;
}

function list(): number {
  const manifest = loadManifest();
  const dir = modelsDir();
  console.log(`Models folder: ${dir}`);
  for (const [name, entry] of Object.entries(manifest.models)) {
    const { large, small } = unpinnedFiles(entry);
    const pins = [
      large.length ? `${large.length} weight file(s) without a pinned SHA-256 (download needs --accept-hub-sums)` : '',
      small.length ? `${small.length} small file(s) without a pinned blob id` : '',
    ].filter(Boolean);
    console.log(`  ${name.padEnd(16)} ${status(dir, name, entry)}`);
    console.log(`  ${''.padEnd(16)} ${entry.repo}@${entry.revision.slice(0, 12)}, encoder ${entry.dtype.encoder_model}, decoder ${entry.dtype.decoder_model_merged}${pins.length ? `; ${pins.join(', ')}` : ''}`);
    console.log(`  ${''.padEnd(16)} ${entry.description}`);
  }
  return 0;
}

/** After an install with unpinned files: their sums, for a maintainer to check and pin. */
function printUnpinnedSums(receipt: InstallReceipt, entry: ModelEntry): void {
  const unpinned = receipt.files.filter((f) => f.sumSource !== 'manifest');
  if (unpinned.length === 0) return;
  console.log(`Not pinned in models/manifest.json; sums as received from ${receipt.source} (check them against a published source before pinning):`);
  for (const f of unpinned) {
    const kind = pinnedSum(entry.files.find((m) => m.path === f.path)!).kind;
    console.log(`  ${f.path}  ${kind} ${kind === 'sha256' ? f.sha256 : f.gitBlob}  (${f.sizeBytes} bytes)`);
  }
}

async function install(name: string, entry: ModelEntry, source: ModelSource, acceptHubSums: boolean): Promise<number> {
  const dir = modelsDir();
  const receipt = await installModel({
    name,
    entry,
    modelsDir: dir,
    source,
    acceptHubSums,
    progress: new ProgressBar(process.stderr),
    log: (line) => console.error(line),
  });
  console.log(`Installed ${name} (${entry.repo}@${entry.revision}) from ${source.description} in ${join(dir, name)}`);
  printUnpinnedSums(receipt, entry);
  return 0;
}

async function exportTo(name: string, entry: ModelEntry, outDir: string): Promise<number> {
  const files = await exportModel(name, entry, modelsDir(), outDir);
  for (const f of files) console.error(`${name}/${f.path}: verified, written to ${f.to}`);
  console.log(`Exported ${name} to ${outDir}. Install it elsewhere with: klachtcoach models install ${name} --from ${outDir}`);
  console.log(`or serve ${outDir} over HTTP(S) and use it as a mirror: klachtcoach models download ${name} --mirror URL`);
  return 0;
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true, strict: true,
      options: { mirror: { type: 'string' }, 'accept-hub-sums': { type: 'boolean', default: false }, from: { type: 'string' } },
    });
  } catch (err) {
    throw new UserError(`${(err as Error).message}\nUsage: klachtcoach ${USAGE}`, 2);
  }
  const { values: v, positionals } = parsed;
  const [sub, name, ...extra] = positionals;
  const spec = sub === undefined ? undefined : SUBCOMMANDS[sub];
  if (!spec) throw new UserError(`Usage: klachtcoach ${USAGE}`, 2);
  const misplaced = (['mirror', 'accept-hub-sums', 'from'] as const).find((o) => v[o] && !spec.options.includes(o));
  if (misplaced) throw new UserError(`--${misplaced} does not go with "models ${sub}"\nUsage: klachtcoach ${USAGE}`, 2);
  if (sub === 'list') {
    if (name) throw new UserError(`"models list" takes no arguments\nUsage: klachtcoach ${USAGE}`, 2);
    return list();
  }

  const manifest = loadManifest();
  const supported = Object.keys(manifest.models).join(', ');
  if (!name) throw new UserError(`name one model: ${supported}`, 2);
  const entry = manifest.models[name];
  if (!entry) throw new UserError(`unknown model "${name}"; supported: ${supported}`, 2);
  if (extra.length !== spec.extra) throw new UserError(`wrong number of arguments\nUsage: klachtcoach ${USAGE}`, 2);
  try {
    if (sub === 'export') return await exportTo(name, entry, resolve(extra[0]!));
    if (sub === 'install') {
      if (!v.from) throw new UserError(`install needs --from DIR, a folder written by "models export" (or holding the repository's files)\nUsage: klachtcoach ${USAGE}`, 2);
      if (!existsSync(v.from)) throw new UserError(`--from ${v.from}: no such folder`, 2);
      return await install(name, entry, folderSource(resolve(v.from)), false);
    }
    const endpoint = v.mirror ? httpUrlOption('mirror', v.mirror, 'https://models.intranet.example') : hubEndpoint();
    return await install(name, entry, httpSource(endpoint), v['accept-hub-sums']);
  } catch (err) {
    if (err instanceof InstallError) throw new UserError(err.message);
    throw err;
  }
}
