import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestReportFormat } from '@healing/adapters';

export interface DetectedTestCommand {
  readonly command: string | readonly string[];
  /** Where the runner is asked to write a machine-readable report, when it can. */
  readonly report?: { readonly format: TestReportFormat; readonly path: string };
  /** One line saying what was found, for `heal run --verbose` and `heal doctor`. */
  readonly reason: string;
}

const NPM_PLACEHOLDER_TEST = /no test specified/;

interface PackageManifest {
  readonly scripts?: Readonly<Record<string, string>>;
}

/**
 * Finds how a repository runs its tests: package.json scripts (asking vitest, jest or
 * node's runner for a JUnit or JSON report), pytest, go test, cargo test, or `make test`.
 * `reportPath` is where the report should go: outside the repository, so detection never
 * leaves files in the user's working tree.
 */
export function detectTestCommand(dir: string, reportPath: string): DetectedTestCommand | null {
  return (
    fromPackageJson(dir, reportPath) ??
    fromPython(dir, reportPath) ??
    (existsSync(join(dir, 'go.mod'))
      ? { command: ['go', 'test', './...'], reason: 'go.mod: go test ./...' }
      : null) ??
    (existsSync(join(dir, 'Cargo.toml'))
      ? { command: ['cargo', 'test'], reason: 'Cargo.toml: cargo test' }
      : null) ??
    fromMakefile(dir)
  );
}

function fromPackageJson(dir: string, reportPath: string): DetectedTestCommand | null {
  const manifestPath = join(dir, 'package.json');
  if (!existsSync(manifestPath)) return null;
  let manifest: PackageManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as PackageManifest;
  } catch {
    return null;
  }
  const script = manifest.scripts?.test;
  if (!script || NPM_PLACEHOLDER_TEST.test(script)) return null;
  const runner = packageRunner(dir);
  const base = [...runner, 'test'];
  const passThrough = runner[0] === 'npm' ? ['--'] : [];
  if (/\bvitest\b/.test(script)) {
    return {
      command: [
        ...base,
        ...passThrough,
        '--reporter=default',
        '--reporter=junit',
        `--outputFile.junit=${reportPath}`,
      ],
      report: { format: 'junit', path: reportPath },
      reason: `package.json "test" runs vitest: ${runner[0]} test with a JUnit report`,
    };
  }
  if (/\bjest\b/.test(script)) {
    return {
      command: [...base, ...passThrough, '--json', `--outputFile=${reportPath}`],
      report: { format: 'jest-json', path: reportPath },
      reason: `package.json "test" runs jest: ${runner[0]} test with a JSON report`,
    };
  }
  if (/\bnode\b.*--test\b/.test(script)) {
    return {
      command: [
        ...base,
        ...passThrough,
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        '--test-reporter=junit',
        `--test-reporter-destination=${reportPath}`,
      ],
      report: { format: 'junit', path: reportPath },
      reason: `package.json "test" runs node --test: ${runner[0]} test with a JUnit report`,
    };
  }
  return { command: base, reason: `package.json "test" script (${script}); judged by its exit code` };
}

function packageRunner(dir: string): string[] {
  if (existsSync(join(dir, 'pnpm-lock.yaml'))) return ['pnpm'];
  if (existsSync(join(dir, 'yarn.lock'))) return ['yarn'];
  if (existsSync(join(dir, 'bun.lockb')) || existsSync(join(dir, 'bun.lock'))) return ['bun'];
  return ['npm'];
}

function fromPython(dir: string, reportPath: string): DetectedTestCommand | null {
  const markers = ['pytest.ini', 'pyproject.toml', 'setup.cfg', 'tox.ini', 'conftest.py'];
  const hasMarker = markers.some((name) => existsSync(join(dir, name)));
  const hasTestsDir =
    existsSync(join(dir, 'tests')) &&
    readdirSync(join(dir, 'tests')).some((name) => /^test_.*\.py$|_test\.py$/.test(name));
  if (!hasMarker && !hasTestsDir) return null;
  if (hasMarker && !hasTestsDir && !mentionsPytest(dir)) return null;
  return {
    command: ['python3', '-m', 'pytest', `--junitxml=${reportPath}`],
    report: { format: 'junit', path: reportPath },
    reason: 'Python project: pytest with a JUnit report',
  };
}

function mentionsPytest(dir: string): boolean {
  return ['pytest.ini', 'pyproject.toml', 'setup.cfg', 'tox.ini', 'conftest.py'].some((name) => {
    const path = join(dir, name);
    return (
      existsSync(path) &&
      (name === 'pytest.ini' || name === 'conftest.py' || /pytest/.test(readFileSync(path, 'utf8')))
    );
  });
}

function fromMakefile(dir: string): DetectedTestCommand | null {
  const makefile = join(dir, 'Makefile');
  if (!existsSync(makefile) || !/^test\s*:/m.test(readFileSync(makefile, 'utf8'))) return null;
  return { command: ['make', 'test'], reason: 'Makefile has a test target: make test' };
}
