// zod's issues made readable for people who edit YAML: an unknown key points at that key, and
// a value outside a long list of allowed values names the value instead of listing them all.
import type { z } from 'zod';
import type { FieldPath } from './types/rule-type.ts';

export interface ReadableIssue {
  path: FieldPath;
  message: string;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

export function readableIssues(error: z.ZodError, raw: unknown, prefix: FieldPath = []): ReadableIssue[] {
  const out: ReadableIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: [...prefix, ...path, key], message: 'unknown field (a typo?)' });
    } else if (issue.code === 'invalid_value' && issue.values.length > 6) {
      const value = valueAt(raw, issue.path);
      out.push({ path: [...prefix, ...path], message: `${JSON.stringify(value)} is not one of the ${issue.values.length} allowed values` });
    } else {
      out.push({ path: [...prefix, ...path], message: issue.message });
    }
  }
  return out;
}
