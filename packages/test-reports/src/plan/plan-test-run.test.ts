import type { FocusTest } from '@healing/adapters';
import { describe, expect, it } from 'vitest';
import { planTestRun } from './plan-test-run.js';

const SCRIPTS = {
  'node-test': 'node --test test/',
  'node-concurrency': 'node --test --test-concurrency=1 test/',
  'mocha-dir': 'mocha test/',
  'mocha-glob': "mocha --recursive 'test/**/*.spec.js'",
  'vitest-src': 'vitest run src',
  'jest-ci': 'jest --ci src/',
  'cross-env': 'cross-env NODE_ENV=test mocha',
  nyc: 'nyc --reporter=lcov mocha',
  'lint-first': 'npm run lint && mocha',
  'lint-after': 'mocha && eslint .',
  lint: 'eslint .',
  'test:unit': 'jest',
  pytest: 'pytest -q',
  gotest: 'go test ./...',
  'go-vet': 'go vet ./... && go test ./...',
  nested: 'npm run mocha-dir',
  twice: 'mocha test/unit && mocha test/int',
};
const R = '/tmp/r';
const plan = (
  command: string | readonly string[],
  scripts: Record<string, string> = SCRIPTS,
  manager?: string,
) =>
  planTestRun({
    command,
    packageJson: JSON.stringify({ scripts, ...(manager ? { packageManager: manager } : {}) }),
    reportDir: `${R}/`,
  });

describe('planTestRun: real command shapes', () => {
  it.each([
    [
      'node --test test/',
      `node --test-reporter=tap --test-reporter-destination=${R}/node-1.tap --test-reporter=spec --test-reporter-destination=stdout --test test/`,
    ],
    [
      'node --test --test-concurrency=1 test/',
      `node --test-reporter=tap --test-reporter-destination=${R}/node-1.tap --test-reporter=spec --test-reporter-destination=stdout --test --test-concurrency=1 test/`,
    ],
    ['mocha test/', `mocha test/ --reporter json --reporter-option output=${R}/mocha-1.json`],
    [
      "mocha --recursive 'test/**/*.spec.js'",
      `mocha --recursive 'test/**/*.spec.js' --reporter json --reporter-option output=${R}/mocha-1.json`,
    ],
    [
      'vitest run src',
      `vitest run --reporter=default --reporter=json --outputFile.json=${R}/vitest-1.json src`,
    ],
    ['jest --ci src/', `jest --json --outputFile=${R}/jest-1.json --ci src/`],
    [
      'cross-env NODE_ENV=test mocha',
      `cross-env NODE_ENV=test mocha --reporter json --reporter-option output=${R}/mocha-1.json`,
    ],
    [
      'nyc --reporter=lcov mocha',
      `nyc --reporter=lcov mocha --reporter json --reporter-option output=${R}/mocha-1.json`,
    ],
    [
      'npm run lint && mocha',
      `npm run lint && mocha --reporter json --reporter-option output=${R}/mocha-1.json`,
    ],
    ['mocha && eslint .', `mocha --reporter json --reporter-option output=${R}/mocha-1.json && eslint .`],
    [
      'npx --yes mocha test/',
      `npx --yes mocha test/ --reporter json --reporter-option output=${R}/mocha-1.json`,
    ],
    ['./node_modules/.bin/jest', `./node_modules/.bin/jest --json --outputFile=${R}/jest-1.json`],
    [
      'python -m pytest tests/ -q',
      `python -m pytest --junitxml=${R}/pytest-1.xml -o junit_family=xunit1 tests/ -q`,
    ],
    ['pytest', `pytest --junitxml=${R}/pytest-1.xml -o junit_family=xunit1`],
    [
      'uv run --with pytest pytest tests',
      `uv run --with pytest pytest --junitxml=${R}/pytest-1.xml -o junit_family=xunit1 tests`,
    ],
    ['go test ./...', 'go test -json ./...'],
    ['cargo test', 'cargo test --no-fail-fast'],
    [
      'mocha test/unit && mocha test/int',
      `mocha test/unit --reporter json --reporter-option output=${R}/mocha-1.json && mocha test/int --reporter json --reporter-option output=${R}/mocha-2.json`,
    ],
  ])('%s', (command, expected) => {
    expect(plan(command).command).toBe(expected);
  });

  it.each([
    [
      'node-test',
      'node',
      {
        NODE_OPTIONS: `--test-reporter=tap --test-reporter-destination=${R}/node-1.tap --test-reporter=spec --test-reporter-destination=stdout`,
      },
      '',
    ],
    [
      'node-concurrency',
      'node',
      {
        NODE_OPTIONS: `--test-reporter=tap --test-reporter-destination=${R}/node-1.tap --test-reporter=spec --test-reporter-destination=stdout`,
      },
      '',
    ],
    ['mocha-dir', 'mocha', {}, ` -- --reporter json --reporter-option output=${R}/mocha-1.json`],
    ['mocha-glob', 'mocha', {}, ` -- --reporter json --reporter-option output=${R}/mocha-1.json`],
    [
      'vitest-src',
      'vitest',
      {},
      ` -- --reporter=default --reporter=json --outputFile.json=${R}/vitest-1.json`,
    ],
    ['jest-ci', 'jest', {}, ` -- --json --outputFile=${R}/jest-1.json`],
    ['cross-env', 'mocha', {}, ` -- --reporter json --reporter-option output=${R}/mocha-1.json`],
    ['nyc', 'mocha', {}, ` -- --reporter json --reporter-option output=${R}/mocha-1.json`],
    ['lint-first', 'mocha', {}, ` -- --reporter json --reporter-option output=${R}/mocha-1.json`],
    ['lint-after', 'mocha', {}, ''],
    ['pytest', 'pytest', { PYTEST_ADDOPTS: `--junitxml=${R}/pytest-1.xml -o junit_family=xunit1` }, ''],
    ['gotest', 'go', { GOFLAGS: '-json' }, ''],
    ['go-vet', 'go', {}, ''],
    ['nested', 'mocha', {}, ''],
    ['twice', 'mocha', {}, ''],
  ])('npm run %s', (script, runner, env, appended) => {
    const planned = plan(`npm run ${script}`);
    expect(planned.runners).toEqual([runner]);
    expect(planned.env).toEqual(env);
    expect(planned.command).toBe(`npm run ${script}${appended}`);
  });

  it('npm test, its aliases and npm run … -- args', () => {
    const scripts = { test: 'mocha test/', 'test:unit': 'jest' };
    expect(plan('npm test', scripts).command).toBe(
      `npm test -- --reporter json --reporter-option output=${R}/mocha-1.json`,
    );
    expect(plan('npm t', scripts).command).toBe(
      `npm t -- --reporter json --reporter-option output=${R}/mocha-1.json`,
    );
    expect(plan('npm run test:unit -- --bail', scripts).command).toBe(
      `npm run test:unit -- --bail --json --outputFile=${R}/jest-1.json`,
    );
  });

  it('pnpm and yarn: as each was seen to pass script arguments', () => {
    const scripts = { test: 'vitest run src' };
    const flags = `--reporter=default --reporter=json --outputFile.json=${R}/vitest-1.json`;
    expect(plan('pnpm run test', scripts).command).toBe(`pnpm run test ${flags}`);
    expect(plan('pnpm test', scripts, 'pnpm@10.4.0').command).toBe(`pnpm test ${flags}`);
    expect(plan('pnpm test', scripts, 'pnpm@9.15.0').command).toBe(`pnpm test -- ${flags}`);
    // pnpm 9 reads --reporter itself and 10 passes `--` on: without its version, the same
    // script runs as `pnpm run test`, which passes flags as they are in every pnpm.
    expect(plan('pnpm test', scripts).command).toBe(`pnpm run test ${flags}`);
    expect(plan('pnpm --silent test', scripts).command).toBe(`pnpm --silent run test ${flags}`);
    expect(plan(['pnpm', 'test'], scripts).command).toEqual(['pnpm', 'run', 'test', ...flags.split(' ')]);
    expect(plan('pnpm test -- --bail', scripts).command).toBe('pnpm test -- --bail');
    expect(plan('yarn test', scripts).command).toBe(`yarn test ${flags}`);
    expect(plan('yarn test -- --bail', scripts).command).toBe('yarn test -- --bail');
    expect(plan('yarn jest', scripts).runners).toEqual(['jest']);
  });

  it('argv commands get elements inserted, never a re-serialized line', () => {
    const planned = plan(['npx', 'mocha', 'test/has space/']);
    expect(planned.command).toEqual([
      'npx',
      'mocha',
      'test/has space/',
      '--reporter',
      'json',
      '--reporter-option',
      `output=${R}/mocha-1.json`,
    ]);
    expect(plan(['npm', 'test'], { test: 'jest' }).command).toEqual([
      'npm',
      'test',
      '--',
      '--json',
      `--outputFile=${R}/jest-1.json`,
    ]);
  });

  it("keeps the user's reporter, extends the user's environment, and says what it could not do", () => {
    // Mocha runs the last reporter named: ours replace a console reporter, wherever it is chosen.
    expect(plan('mocha --reporter dot test/').command).toBe(
      `mocha --reporter dot test/ --reporter json --reporter-option output=${R}/mocha-1.json`,
    );
    expect(plan('npm run spec', { spec: 'mocha --reporter spec test/' }).command).toBe(
      `npm run spec -- --reporter json --reporter-option output=${R}/mocha-1.json`,
    );
    expect(plan('jest --json --outputFile=out.json').reports).toEqual([]);
    const extended = planTestRun({
      command: 'npm run node-test',
      packageJson: JSON.stringify({ scripts: SCRIPTS }),
      reportDir: R,
      env: { NODE_OPTIONS: '--max-old-space-size=4096', CI: '1' },
    });
    expect(extended.env.NODE_OPTIONS).toMatch(/^--max-old-space-size=4096 --test-reporter=tap /);
    expect(extended.env.CI).toBe('1');
    expect(plan('bun test').description).toMatch(/bun test is bun's own runner/);
    expect(plan('make test')).toMatchObject({ runners: [], reports: [], command: 'make test' });
    expect(planTestRun({ command: 'npm test', packageJson: '{', reportDir: R }).description).toMatch(
      /not valid JSON/,
    );
  });

  it('refuses an empty command and a relative reportDir', () => {
    expect(() => planTestRun({ command: ' ', packageJson: null, reportDir: R })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => planTestRun({ command: 'mocha', packageJson: null, reportDir: 'reports' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});

describe('planTestRun: focus', () => {
  const focus = [
    {
      id: 'test/a.js > math division (by zero) divides "exactly"',
      name: 'math division (by zero) divides "exactly"',
      file: 'test/a.js',
    },
    { id: 'test/b.js > io nested [x] writes a+b?', name: 'io nested [x] writes a+b?', file: 'test/b.js' },
  ];
  const focused = (
    command: string,
    scripts: Record<string, string> = SCRIPTS,
    tests: readonly FocusTest[] = focus,
  ) => planTestRun({ command, packageJson: JSON.stringify({ scripts }), reportDir: R, focus: tests });
  const pattern = '^(?:math division \\(by zero\\) divides "exactly"|io nested \\[x\\] writes a\\+b\\?)$';

  it('mocha --grep, jest and vitest --testNamePattern: anchored, escaped full names', () => {
    expect(focused('mocha test/').command).toContain(`--grep '${pattern}' test/`);
    expect(focused('jest').command).toContain(`'--testNamePattern=${pattern}'`);
    expect(focused('npm run vitest-src').command).toContain(`'--testNamePattern=${pattern}'`);
    expect(focused('mocha test/').focused).toBe(true);
  });

  it('node only on a direct command; pytest -k when every name can be said; go -run; cargo --exact', () => {
    expect(focused('node --test test/').focused).toBe(true);
    expect(focused('npm run node-test')).toMatchObject({ focused: false });
    const pytest = [
      { id: 'tests/test_a.py > TestA::test_b[1-2]', name: 'TestA::test_b[1-2]', file: 'tests/test_a.py' },
    ];
    expect(focused('npm run pytest', SCRIPTS, pytest).env.PYTEST_ADDOPTS).toContain(
      "-k '(test_a.py and TestA and test_b[1-2])'",
    );
    expect(focused('pytest', SCRIPTS, focus).focused).toBe(false);
    // Parameters -k cannot say: the function's every case runs, the focused one among them.
    const parametrized = [
      {
        id: 'tests/test_s.py > test_slug[Chapter 7: A-chapter-7-a]',
        name: 'test_slug[Chapter 7: A-chapter-7-a]',
        file: 'tests/test_s.py',
      },
    ];
    expect(focused('pytest', SCRIPTS, parametrized).env.PYTEST_ADDOPTS).toBe(
      "-k '(test_s.py and test_slug)'",
    );
    const go = [{ id: 'example.com/a > TestDiv/by_zero', name: 'TestDiv/by_zero', file: null }];
    expect(focused('go test ./...', SCRIPTS, go).command).toBe("go test -json '-run=^(?:TestDiv)$' ./...");
    expect(focused('npm run gotest', SCRIPTS, go).env.GOFLAGS).toBe('-json -run=^(?:TestDiv)$');
    const cargo = [{ id: 'src/lib.rs > tests::adds', name: 'tests::adds', file: 'src/lib.rs' }];
    expect(focused('cargo test && echo done', SCRIPTS, cargo).command).toBe(
      'cargo test --no-fail-fast -- --exact tests::adds && echo done',
    );
  });

  it('all or nothing: a runner it cannot reach everywhere, or two kinds of runner, run in full', () => {
    expect(focused('npm run twice')).toMatchObject({ focused: false, command: 'npm run twice' });
    expect(focused('mocha test/ && jest')).toMatchObject({ focused: false });
    expect(focused('mocha --grep slow test/').focused).toBe(false);
  });
});
