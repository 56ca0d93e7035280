import { parseJsonObject } from './parse-json-object.js';
import type { RepositoryFiles } from './repository-files.js';

export interface PackageManifest {
  readonly scripts?: Readonly<Record<string, string>>;
  readonly packageManager?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly workspaces?: unknown;
}

/** package.json at the root, or null when there is none or it is not a JSON object. */
export async function readManifest(files: RepositoryFiles): Promise<PackageManifest | null> {
  return parseJsonObject(await files.read('package.json')) as PackageManifest | null;
}
