// No runtime imports: the SQLite worker threads of @healing/local load this file
// (`@healing/adapters/append-to-list`) and nothing else of the package.
import type { JsonValue } from './cache.js';

export interface AppendOptions {
  /** Keep at most this many items: the oldest go first. */
  readonly maxLength?: number;
  /** An equal item already in the list moves to the end instead of appearing twice. */
  readonly unique?: boolean;
}

/** The list after `CacheAdapter.append`: one rule for every implementation. */
export function appendToList(
  list: readonly JsonValue[],
  item: JsonValue,
  options: AppendOptions = {},
): JsonValue[] {
  const itemText = JSON.stringify(item);
  const kept = options.unique ? list.filter((entry) => JSON.stringify(entry) !== itemText) : [...list];
  kept.push(item);
  const maxLength = options.maxLength ?? Number.POSITIVE_INFINITY;
  return kept.length > maxLength ? kept.slice(kept.length - maxLength) : kept;
}
