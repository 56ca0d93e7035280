import type { AppendOptions } from './append-to-list.js';

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };

/** A cache holds JSON-serialisable data or raw bytes; bytes come back as Uint8Array. */
export type CacheValue = JsonValue | Uint8Array;

export interface CacheSetOptions {
  /** Time to live in milliseconds; the entry is gone for readers once it passes. */
  readonly ttlMs?: number;
}

export interface CacheEntry {
  readonly key: string;
  readonly value: CacheValue;
  readonly ttlMs?: number;
}

export interface CacheCapabilities {
  /** Entries survive a restart of the process. */
  readonly persistent: boolean;
  /** Several processes may share the same cache at once. */
  readonly multiProcess: boolean;
}

export interface CacheAdapter {
  readonly name: string;
  readonly capabilities: CacheCapabilities;
  get(key: string): Promise<CacheValue | undefined>;
  set(key: string, value: CacheValue, options?: CacheSetOptions): Promise<void>;
  /** Returns true when the key existed. */
  delete(key: string): Promise<boolean>;
  has(key: string): Promise<boolean>;
  /** Removes every entry, or only the keys starting with `prefix`. */
  clear(prefix?: string): Promise<void>;
  /** Values in the order of `keys`; undefined where missing or expired. */
  getMany(keys: readonly string[]): Promise<Array<CacheValue | undefined>>;
  /** Writes all entries together; atomic where the backend allows. */
  setMany(entries: readonly CacheEntry[]): Promise<void>;
  /**
   * Appends `item` to the JSON list at `key` (created when missing, with no TTL) in one atomic
   * step: concurrent appends, from this process or from others sharing the cache, are all kept.
   * Returns the list as stored. A key holding anything but a list: INVALID_INPUT.
   */
  append(key: string, item: JsonValue, options?: AppendOptions): Promise<JsonValue[]>;
  /** Finishes pending work, then releases resources; later calls throw CACHE_CLOSED. */
  close(): Promise<void>;
}
