// Reads a JSON-lines file (a transcript or a labelled evaluation set) that a person or another
// tool wrote. Whole-file problems (missing, empty, binary) stop with one clear message; a bad
// line is reported with its number and skipped, and the rest of the file is still used.
import { readFileSync, statSync } from 'node:fs';
import type { z } from 'zod';

/** Longer lines are not utterances; refusing them keeps one bad line from eating the memory. */
export const MAX_LINE_CHARS = 100_000;
/** A transcript of a very long call is a few MB; anything far beyond is not a transcript. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

export class InputFileError extends Error {}

export interface LineNote {
  line: number;
  /** error: the line was skipped; warning: the line was used, something in it was ignored. */
  level: 'error' | 'warning';
  message: string;
}

export interface JsonLinesResult<T> {
  items: { line: number; value: T }[];
  notes: LineNote[];
}

function readText(file: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new InputFileError(`${file}: no such file`);
  }
  if (size > MAX_FILE_BYTES) throw new InputFileError(`${file}: ${size} bytes is too large for a transcript (limit ${MAX_FILE_BYTES})`);
  const buf = readFileSync(file);
  const nul = buf.indexOf(0);
  if (nul >= 0) throw new InputFileError(`${file}: binary data (NUL byte at offset ${nul}), expected JSON lines text`);
  return buf.toString('utf8');
}

/**
 * Parses every non-blank line with `schema`. Keys the schema does not declare are reported as
 * warnings (a typo like "txt" must not pass silently) and dropped.
 */
export function readJsonLines<S extends z.ZodObject>(file: string, schema: S): JsonLinesResult<z.output<S>> {
  const knownKeys = new Set(Object.keys(schema.shape));
  const text = readText(file);
  const items: { line: number; value: z.output<S> }[] = [];
  const notes: LineNote[] = [];
  const lines = text.split('\n');
  let nonBlank = 0;
  lines.forEach((raw, idx) => {
    const line = idx + 1;
    const src = raw.replace(/\r$/, '').replace(/^\uFEFF/, '');
    if (src.trim() === '') return;
    nonBlank++;
    const error = (message: string): void => void notes.push({ line, level: 'error', message });
    if (src.length > MAX_LINE_CHARS) return error(`line is ${src.length} characters long (limit ${MAX_LINE_CHARS}); skipped`);
    if (src.includes('\uFFFD')) return error('not UTF-8 text; skipped');
    let json: unknown;
    try {
      json = JSON.parse(src);
    } catch (err) {
      return error(`not valid JSON (${(err as Error).message}); skipped`);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return error('expected a JSON object; skipped');
    const unknown = Object.keys(json).filter((k) => !knownKeys.has(k));
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0]!;
      const field = first.path.map(String).join('.') || '(line)';
      return error(`${field}: ${first.message}; skipped`);
    }
    for (const k of unknown) notes.push({ line, level: 'warning', message: `unknown field "${k}" ignored` });
    items.push({ line, value: parsed.data });
  });
  if (nonBlank === 0) throw new InputFileError(`${file}: empty file, no utterances`);
  return { items, notes };
}

export function formatNote(file: string, note: LineNote): string {
  return `${file}:${note.line}: ${note.level}: ${note.message}`;
}
