import { z } from 'zod';

const ManifestSchema = z.object({
  scripts: z.record(z.string(), z.unknown()).optional(),
  packageManager: z.string().optional(),
});

export interface PackageManifest {
  readonly scripts: ReadonlyMap<string, string>;
  /** `pnpm@9.15.0` → { name: 'pnpm', major: 9 }, from the `packageManager` field. */
  readonly packageManager: { readonly name: string; readonly major: number } | null;
}

export const EMPTY_MANIFEST: PackageManifest = { scripts: new Map(), packageManager: null };

/** The parts of package.json that decide what a script runs; null when the text is not a manifest. */
export function readPackageManifest(text: string | null): PackageManifest | null {
  if (text === null) return EMPTY_MANIFEST;
  let parsed: z.infer<typeof ManifestSchema>;
  try {
    parsed = ManifestSchema.parse(JSON.parse(text));
  } catch {
    return null;
  }
  const scripts = new Map<string, string>();
  for (const [name, script] of Object.entries(parsed.scripts ?? {})) {
    if (typeof script === 'string') scripts.set(name, script);
  }
  const manager = /^(npm|pnpm|yarn|bun)@(\d+)/.exec(parsed.packageManager ?? '');
  return {
    scripts,
    packageManager: manager ? { name: manager[1] as string, major: Number(manager[2]) } : null,
  };
}
