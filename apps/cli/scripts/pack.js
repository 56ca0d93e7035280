#!/usr/bin/env node
// Packs the heal CLI as one installable npm package. The @healing/* workspace packages are
// not published, so their built code travels inside the tarball as bundled dependencies, and
// their third-party dependencies are lifted into the CLI's own. better-sqlite3 becomes
// optional: without a compiler the install still succeeds and heal runs without history.
//
// usage: node scripts/pack.js [out-dir]   (run after `pnpm build`; prints the tarball path)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const cliDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = resolve(cliDir, '..', '..');
const outDir = resolve(process.argv[2] ?? join(cliDir, 'pack'));
const OPTIONAL = new Set(['better-sqlite3']);

const readManifest = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const cli = readManifest(cliDir);
const isWorkspace = (name) => name.startsWith('@healing/');

// Every workspace package the CLI reaches, directly or through another.
const bundled = new Map();
const visit = (name) => {
  if (bundled.has(name)) return;
  const dir = join(repoRoot, 'packages', name.slice('@healing/'.length));
  if (!existsSync(join(dir, 'dist'))) throw new Error(`${name} is not built: run pnpm build first`);
  const manifest = readManifest(dir);
  bundled.set(name, { dir, manifest });
  for (const dependency of Object.keys(manifest.dependencies ?? {}))
    if (isWorkspace(dependency)) visit(dependency);
};
for (const dependency of Object.keys(cli.dependencies ?? {})) if (isWorkspace(dependency)) visit(dependency);

const dependencies = {};
const optionalDependencies = {};
const lift = (deps) => {
  for (const [name, range] of Object.entries(deps ?? {})) {
    if (isWorkspace(name)) continue;
    (OPTIONAL.has(name) ? optionalDependencies : dependencies)[name] = range;
  }
};
lift(cli.dependencies);
for (const { manifest } of bundled.values()) lift(manifest.dependencies);

const stage = mkdtempSync(join(tmpdir(), 'heal-pack-'));
try {
  const copyBuilt = (from, to, extra = []) => {
    mkdirSync(to, { recursive: true });
    for (const entry of ['dist', ...extra]) {
      if (!existsSync(join(from, entry))) continue;
      cpSync(join(from, entry), join(to, entry), {
        recursive: true,
        filter: (path) => !/\.test\.(js|d\.ts)(\.map)?$/.test(path) && !path.endsWith('.tsbuildinfo'),
      });
    }
  };
  copyBuilt(cliDir, stage, ['bin', 'README.md']);
  for (const [name, { dir, manifest }] of bundled) {
    const target = join(stage, 'node_modules', name);
    copyBuilt(
      dir,
      target,
      (manifest.files ?? []).filter((entry) => !entry.startsWith('!') && entry !== 'dist'),
    );
    const { devDependencies: _dev, scripts: _scripts, ...published } = manifest;
    const deps = Object.fromEntries(
      Object.entries(manifest.dependencies ?? {})
        .filter(([dependency]) => !OPTIONAL.has(dependency))
        .map(([dependency, range]) => [
          dependency,
          isWorkspace(dependency) ? bundled.get(dependency).manifest.version : range,
        ]),
    );
    writeFileSync(
      join(target, 'package.json'),
      `${JSON.stringify({ ...published, dependencies: deps }, null, 2)}\n`,
    );
  }
  const { devDependencies: _dev, scripts: _scripts, ...rest } = cli;
  const manifest = {
    ...rest,
    files: ['bin', 'dist', 'README.md'],
    dependencies: {
      ...dependencies,
      ...Object.fromEntries([...bundled].map(([name, { manifest: m }]) => [name, m.version])),
    },
    optionalDependencies,
    bundleDependencies: [...bundled.keys()],
  };
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  mkdirSync(outDir, { recursive: true });
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', outDir], {
    cwd: stage,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .at(-1);
  console.log(join(outDir, tarball));
} finally {
  rmSync(stage, { recursive: true, force: true });
}
