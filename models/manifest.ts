// The model manifest: which Whisper exports Klachtcoach supports, the commit each is pinned to,
// which per-module dtype to load and the sum of every file: the SHA-256 for a large (LFS) file,
// the git blob id for a small file kept in git. Read and checked once, with errors that name the
// manifest file and the field, because a wrong manifest would install wrong bytes. Where each
// pinned sum was published is written down in models/README.md.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { projectPath } from '../main/project-root.ts';
import type { ExpectedSum } from './file-sum.ts';

export const MANIFEST_PATH = projectPath('models', 'manifest.json');

/** transformers.js dtypes and the file-name suffix each one loads (research/asr.md §4). */
export const DTYPE_SUFFIX = { fp32: '', fp16: '_fp16', q8: '_quantized', int8: '_int8', uint8: '_uint8', q4: '_q4', q4f16: '_q4f16', bnb4: '_bnb4' } as const;
export const Dtype = z.enum(Object.keys(DTYPE_SUFFIX) as [keyof typeof DTYPE_SUFFIX, ...(keyof typeof DTYPE_SUFFIX)[]]);
export type Dtype = z.infer<typeof Dtype>;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');
const GitBlobId = z.string().regex(/^[0-9a-f]{40}$/, 'must be 40 lower-case hex digits (a git blob id)');
// A branch such as main moves: two desktops installing a week apart would get different bytes.
const CommitRevision = z.string().regex(/^[0-9a-f]{40}$/, 'must be a full 40-hex commit id, not a branch or tag name');
// A file path inside the repository: relative, forward slashes, no way out of the install folder.
const RepoPath = z.string().min(1).refine((p) => !p.startsWith('/') && !p.split('/').includes('..') && !p.includes('\\'), 'must be a relative path inside the repository');

export const ManifestFile = z.object({
  path: RepoPath,
  /** A large (LFS) file. null = no published sum found: refused unless --accept-hub-sums. */
  sha256: Sha256.nullable().optional(),
  /** A small file kept in git. null = no published blob id: installed, and named as unpinned. */
  gitBlob: GitBlobId.nullable().optional(),
  sizeBytes: z.number().int().positive().optional(),
}).strict().refine((f) => (f.sha256 === undefined) !== (f.gitBlob === undefined), {
  message: 'give exactly one of sha256 (a large LFS file) or gitBlob (a small file kept in git); null if not published',
});
export type ManifestFile = z.infer<typeof ManifestFile>;

export const ModelEntry = z.object({
  repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'must be owner/name'),
  revision: CommitRevision,
  description: z.string().min(1),
  dtype: z.object({ encoder_model: Dtype, decoder_model_merged: Dtype }),
  files: z.array(ManifestFile).min(1),
}).superRefine((entry, ctx) => {
  // Every ONNX module the loader will ask for must be in the file list, or loading would fail
  // later, offline, with a much less helpful message.
  for (const [module, dtype] of Object.entries(entry.dtype)) {
    const needed = onnxFileFor(module, dtype);
    if (!entry.files.some((f) => f.path === needed)) {
      ctx.addIssue({ code: 'custom', path: ['files'], message: `dtype ${module}=${dtype} needs ${needed}, which is not listed` });
    }
  }
});
export type ModelEntry = z.infer<typeof ModelEntry>;

export const Manifest = z.object({
  $comment: z.string().optional(),
  models: z.record(z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'model names are lower-case, no slashes'), ModelEntry),
});
export type Manifest = z.infer<typeof Manifest>;

/** What a file is checked against: its pinned sum, or (value null) nothing pinned yet. */
export function pinnedSum(file: ManifestFile): ExpectedSum {
  return file.sha256 !== undefined ? { kind: 'sha256', value: file.sha256 } : { kind: 'gitBlob', value: file.gitBlob ?? null };
}

/** Files without a published sum: large ones need --accept-hub-sums, small ones are named. */
export function unpinnedFiles(entry: ModelEntry): { large: string[]; small: string[] } {
  const unpinned = entry.files.filter((f) => pinnedSum(f).value === null);
  return {
    large: unpinned.filter((f) => pinnedSum(f).kind === 'sha256').map((f) => f.path),
    small: unpinned.filter((f) => pinnedSum(f).kind === 'gitBlob').map((f) => f.path),
  };
}

export function onnxFileFor(module: string, dtype: Dtype): string {
  return `onnx/${module}${DTYPE_SUFFIX[dtype]}.onnx`;
}

/** Parses manifest text; problems come back as `file: field.path: problem`. */
export function parseManifest(text: string, source = MANIFEST_PATH): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${source}: not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

export function loadManifest(path = MANIFEST_PATH): Manifest {
  return parseManifest(readFileSync(path, 'utf8'), path);
}
