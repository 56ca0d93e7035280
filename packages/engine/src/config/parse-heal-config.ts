import { ConfigError } from '@healing/adapters';
import type { z } from 'zod';
import { type HealConfig, HealConfigSchema } from './heal-config.js';

/**
 * Validates a heal config and fills in its defaults. A bad config throws a ConfigError
 * whose message names every offending key and, for enums and unknown keys, what is allowed.
 */
export function parseHealConfig(input: unknown): HealConfig {
  const parsed = HealConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(describeIssue);
  throw new ConfigError(`heal config is invalid: ${problems.join('; ')}`, {
    details: { problems },
  });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeysAt(issue.path);
    const keys = issue.keys.map((key) => JSON.stringify(key)).join(', ');
    return `${where}: unknown key ${keys}${allowed.length > 0 ? `; allowed keys: ${allowed.join(', ')}` : ''}`;
  }
  if (issue.code === 'invalid_value') {
    return `${where}: ${issue.message}; allowed values: ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
  }
  return `${where}: ${issue.message}`;
}

// Walks the schema along `path` to list the keys an object there accepts.
function allowedKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: unknown = HealConfigSchema;
  for (const key of path) {
    const shape = shapeOf(schema);
    if (!shape || typeof key !== 'string') return [];
    schema = shape[key];
  }
  return Object.keys(shapeOf(schema) ?? {});
}

function shapeOf(schema: unknown): Record<string, unknown> | null {
  let current = schema as { def?: { type?: string; innerType?: unknown; shape?: Record<string, unknown> } };
  // Unwrap optional/default/prefault layers until the object itself.
  for (let depth = 0; depth < 8 && current?.def; depth += 1) {
    if (current.def.type === 'object' && current.def.shape) return current.def.shape;
    current = current.def.innerType as typeof current;
  }
  return null;
}
