import { describe, expect, it } from 'vitest';
import { type ChangedFileText, findTestDefinitionChanges } from './test-definition.js';

const manifest = (scripts: Record<string, string>, extra: Record<string, unknown> = {}): string =>
  `${JSON.stringify({ name: 'app', scripts, ...extra }, null, 2)}\n`;
const change = (path: string, before: string | null, after: string | null): ChangedFileText => ({
  path,
  before,
  after,
});
const rules = (files: ChangedFileText[], command: string | string[] = 'npm test'): string[] =>
  findTestDefinitionChanges(files, command).map((violation) => violation.message);

describe('findTestDefinitionChanges', () => {
  it('refuses a test script narrowed to leave the failing tests out, in every package manager shape', () => {
    const before = manifest({ test: 'mocha test/', lint: 'eslint .' });
    const after = manifest({ test: "mocha test/ --grep 'clamps' --invert", lint: 'eslint .' });
    expect(rules([change('package.json', before, after)])).toEqual([
      'changes how the tests run: the "test" script in package.json',
    ]);
    expect(rules([change('packages/a/package.json', before, after)], 'pnpm -r test')).toHaveLength(1);
  });

  it('follows the scripts the test command calls, and their hooks', () => {
    const scripts = { test: 'npm run unit', unit: 'jest', pretest: 'tsc', build: 'tsc -p .' };
    const edit = (overrides: Record<string, string>) =>
      rules([change('package.json', manifest(scripts), manifest({ ...scripts, ...overrides }))]);
    expect(edit({ unit: 'jest --testPathIgnorePatterns math' })).toEqual([
      'changes how the tests run: the "unit" script in package.json',
    ]);
    expect(edit({ pretest: 'true' })).toHaveLength(1);
    expect(edit({ build: 'tsc -p tsconfig.build.json' })).toEqual([]);
    const direct = { 'test:unit': 'vitest run', check: 'run-s lint test:unit' };
    expect(
      rules(
        [
          change(
            'package.json',
            manifest(direct),
            manifest({ ...direct, 'test:unit': 'vitest run --bail 1' }),
          ),
        ],
        'npm run check',
      ),
    ).toHaveLength(1);
  });

  it('refuses runner settings in package.json but allows version bumps and dependency changes', () => {
    const before = manifest({ test: 'jest' }, { version: '1.0.0', jest: { testEnvironment: 'node' } });
    expect(
      rules([
        change(
          'package.json',
          before,
          manifest({ test: 'jest' }, { version: '1.0.1', jest: { testEnvironment: 'node' } }),
        ),
      ]),
    ).toEqual([]);
    expect(
      rules([
        change(
          'package.json',
          before,
          manifest({ test: 'jest' }, { version: '1.0.0', jest: { testPathIgnorePatterns: ['math'] } }),
        ),
      ]),
    ).toEqual(['changes how the tests run: the "jest" settings in package.json']);
  });

  it('refuses every runner configuration file, wherever it lives', () => {
    for (const path of [
      '.mocharc.yml',
      'jest.config.ts',
      'packages/a/vitest.config.mts',
      'pytest.ini',
      'tests/conftest.py',
      '.nycrc',
    ]) {
      expect(rules([change(path, 'a', 'b')])).toEqual([
        `changes how the tests run: the test runner configuration in ${path}`,
      ]);
    }
    expect(rules([change('src/mocharc.js', 'a', 'b')])).toEqual([]);
  });

  it('refuses only the test section of a vite config', () => {
    const config = (include: string, port: number) =>
      `export default defineConfig({\n  server: { port: ${port} },\n  test: {\n    include: ['${include}'],\n    coverage: { enabled: false },\n  },\n});\n`;
    expect(rules([change('vite.config.ts', config('src/**', 3000), config('src/**', 3001))])).toEqual([]);
    expect(rules([change('vite.config.ts', config('src/**', 3000), config('src/ok/**', 3000))])).toEqual([
      'changes how the tests run: the `test` section in vite.config.ts',
    ]);
  });

  it('refuses pytest sections of pyproject.toml, setup.cfg and tox.ini, not the rest', () => {
    const toml = (addopts: string, version: string) =>
      `[project]\nname = "app"\nversion = "${version}"\n\n[tool.pytest.ini_options]\naddopts = "${addopts}"\n\n[tool.ruff]\nline-length = 100\n`;
    expect(
      rules([change('pyproject.toml', toml('-q', '1.0'), toml('-q', '1.1'))], 'python3 -m pytest'),
    ).toEqual([]);
    expect(
      rules(
        [change('pyproject.toml', toml('-q', '1.0'), toml('-q -k "not slow"', '1.0'))],
        'python3 -m pytest',
      ),
    ).toEqual(['changes how the tests run: [tool.pytest.ini_options] in pyproject.toml']);
    const cfg = (addopts: string) => `[metadata]\nname = app\n\n[tool:pytest]\naddopts = ${addopts}\n`;
    expect(rules([change('setup.cfg', cfg('-q'), cfg('--deselect tests/test_a.py::test_x'))])).toHaveLength(
      1,
    );
    const tox = (commands: string) =>
      `[tox]\nenvlist = py311\n\n[testenv]\ncommands = ${commands}\n\n[flake8]\nmax-line-length = 100\n`;
    expect(rules([change('tox.ini', tox('pytest'), tox('pytest -k "not math"'))])).toHaveLength(1);
  });

  it("refuses cargo's test targets and profile, and nextest's config, not dependencies", () => {
    const cargo = (harness: string, version: string) =>
      `[package]\nname = "app"\nversion = "${version}"\n\n[dependencies]\n\n[[test]]\nname = "api"\nharness = ${harness}\n`;
    expect(
      rules([change('Cargo.toml', cargo('true', '0.1.0'), cargo('true', '0.2.0'))], 'cargo test'),
    ).toEqual([]);
    expect(
      rules([change('Cargo.toml', cargo('true', '0.1.0'), cargo('false', '0.1.0'))], 'cargo test'),
    ).toEqual(['changes how the tests run: [[test]] in Cargo.toml']);
    expect(rules([change('.config/nextest.toml', 'a', 'b')], 'cargo nextest run')).toHaveLength(1);
  });

  it('refuses a change to the Makefile recipe the test command runs', () => {
    const makefile = (flags: string) => `build:\n\tgo build ./...\n\ntest:\n\tgo test ${flags} ./...\n`;
    expect(rules([change('Makefile', makefile('-race'), makefile('-run TestOk'))], 'make test')).toEqual([
      'changes how the tests run: the `test` target in Makefile',
    ]);
    const build = (output: string) => `build:\n\tgo build -o ${output} ./...\n\ntest:\n\tgo test ./...\n`;
    expect(rules([change('Makefile', build('a'), build('b'))], 'make test')).toEqual([]);
  });

  it('ignores files that do not define the run', () => {
    expect(rules([change('src/math.js', 'a', 'b'), change('README.md', null, 'x')])).toEqual([]);
  });
});
