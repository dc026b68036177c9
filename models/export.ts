// `models export`: writes an installed model's files into a folder laid out like the hub,
// `<dir>/<repo>/resolve/<revision>/<path>`. The same folder installs air-gapped desktops
// (`models install NAME --from DIR`) and, served by any web server, is an internal mirror
// (`models download NAME --mirror URL`). Only bytes that still match both the install receipt and
// the manifest's pins are exported, so a damaged or outdated install is never passed on.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ChecksumMismatchError, SUM_LABEL, verifyInto } from './file-sum.ts';
import { InstallError } from './install.ts';
import { pinnedSum, type ModelEntry } from './manifest.ts';
import { readReceipt } from './receipt.ts';
import { mirrorPath } from './sources.ts';

export interface ExportedFile {
  path: string;
  to: string;
  sizeBytes: number;
}

export async function exportModel(name: string, entry: ModelEntry, modelsDir: string, outDir: string): Promise<ExportedFile[]> {
  const dir = join(modelsDir, name);
  const receipt = readReceipt(dir);
  if (!receipt) throw new InstallError(`${name} is not installed in ${modelsDir}; install it first (models download ${name})`);
  if (receipt.revision !== entry.revision) {
    throw new InstallError(`${name} in ${dir} was installed from revision ${receipt.revision}, but models/manifest.json pins ${entry.revision}; run models download ${name} first`);
  }
  const exported: ExportedFile[] = [];
  for (const file of entry.files) {
    const label = `${name}/${file.path}`;
    const from = join(dir, file.path);
    const recorded = receipt.files.find((f) => f.path === file.path);
    if (!recorded || !existsSync(from)) throw new InstallError(`${label}: missing from the install in ${dir}; run models download ${name} again`);
    // The receipt's sums were taken at install; compared with today's pins they show an install
    // made before a pin was added or changed. The copy is then checked against the receipt.
    const pinned = pinnedSum(file);
    if (pinned.value !== null && recorded[pinned.kind] !== pinned.value) {
      throw new InstallError(`${label}: the installed file is not the one models/manifest.json pins (${SUM_LABEL[pinned.kind]} ${pinned.value}); run models download ${name} again`);
    }
    const to = join(outDir, mirrorPath(entry, file.path));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, `${to}.part`);
    const sums = await verifyInto(`${to}.part`, to, label, { kind: 'sha256', value: recorded.sha256 }).catch((err: unknown) => {
      if (err instanceof ChecksumMismatchError) throw new InstallError(`${err.message}: the installed file changed since it was installed; run models download ${name} again`);
      throw err;
    });
    exported.push({ path: file.path, to, sizeBytes: sums.sizeBytes });
  }
  return exported;
}
