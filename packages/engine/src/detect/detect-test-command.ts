import { detectPackageManager, packageManagerProgram } from './package-manager.js';
import { readManifest } from './read-manifest.js';
import type { RepositoryFiles } from './repository-files.js';

export interface DetectedCommand {
  /** The command as the project's contributors type it (report flags are added at run time). */
  readonly command: string;
  /** One line saying what was found, for `heal run --verbose`, `heal init` and `heal doctor`. */
  readonly reason: string;
}

// npm init writes this script; it fails on purpose and tests nothing.
const NPM_PLACEHOLDER_TEST = /no test specified/;

/**
 * How a repository runs its tests: its package.json "test" script through its package
 * manager, pytest, go test, cargo test or `make test`; null when nothing says.
 */
export async function detectTestCommand(files: RepositoryFiles): Promise<DetectedCommand | null> {
  return (
    (await fromPackageJson(files)) ??
    (await fromPython(files)) ??
    ((await files.read('go.mod')) !== null
      ? { command: 'go test ./...', reason: 'go.mod: go test ./...' }
      : null) ??
    ((await files.read('Cargo.toml')) !== null
      ? { command: 'cargo test', reason: 'Cargo.toml: cargo test' }
      : null) ??
    (await fromMakefile(files))
  );
}

async function fromPackageJson(files: RepositoryFiles): Promise<DetectedCommand | null> {
  const manifest = await readManifest(files);
  const script = manifest?.scripts?.test;
  if (manifest === null || !script || NPM_PLACEHOLDER_TEST.test(script)) return null;
  const manager = await detectPackageManager(files, manifest);
  const program = packageManagerProgram(manager);
  // `bun test` is bun's own runner, not the script.
  const command = manager.name === 'bun' ? 'bun run test' : `${program} test`;
  const by = manager.lockfile ?? (manager.version ? 'packageManager' : 'no lockfile');
  return { command, reason: `package.json "test" script (${script}), run with ${program} (${by})` };
}

const PYTEST_MARKERS: ReadonlyArray<readonly [string, RegExp]> = [
  ['pytest.ini', /./],
  ['conftest.py', /./],
  ['pyproject.toml', /\[tool\.pytest|\bpytest\b/],
  ['setup.cfg', /\[tool:pytest\]|\bpytest\b/],
  ['tox.ini', /\[pytest\]|\bpytest\b/],
];

async function fromPython(files: RepositoryFiles): Promise<DetectedCommand | null> {
  for (const [name, pattern] of PYTEST_MARKERS) {
    const text = await files.read(name);
    if (text !== null && pattern.test(text)) {
      return { command: 'python3 -m pytest', reason: `${name} names pytest: python3 -m pytest` };
    }
  }
  for (const directory of ['tests', 'test']) {
    const names = (await files.list?.(directory)) ?? [];
    if (names.some((name) => /^test_.*\.py$|_test\.py$/.test(name))) {
      return { command: 'python3 -m pytest', reason: `${directory}/ holds pytest files: python3 -m pytest` };
    }
  }
  return null;
}

async function fromMakefile(files: RepositoryFiles): Promise<DetectedCommand | null> {
  const makefile = await files.read('Makefile');
  if (makefile === null || !/^test\s*:/m.test(makefile)) return null;
  return { command: 'make test', reason: 'Makefile has a test target: make test' };
}
