import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { commitAll, git, initRepository } from './demo-git.js';
import { demoPackageJson, demoTestCommand, REPORT_FILE, writeFiles } from './demo-project.js';

export type DemoScenarioName = 'flaky' | 'regression' | 'formatting' | 'logic-bug';
export const DEMO_SCENARIOS: readonly DemoScenarioName[] = ['flaky', 'regression', 'formatting', 'logic-bug'];

export interface DemoScenario {
  readonly name: DemoScenarioName;
  /** What is wrong, as a person would say it. */
  readonly title: string;
  readonly dir: string;
  /** The heal config for this repository (the parts that differ from the defaults). */
  readonly config: Record<string, unknown>;
  /** Answers the scripted model server gives, in order (logic-bug only). */
  readonly modelAnswers: readonly string[];
  /** The outcome a working heal reaches. */
  readonly expectedOutcome: 'flaky' | 'healed';
}

const unitTest = (imports: string, body: string): string =>
  `import assert from 'node:assert/strict';\nimport { test } from 'node:test';\n${imports}\n\n${body}`;

export interface DemoScenarioOptions {
  /**
   * Build the repository for healing through GitHub: its heal.config.json and the heal-run
   * workflow are committed, and the test report is written inside the runner's checkout.
   */
  readonly github?: { readonly workflow: string };
}

/** Builds one sample repository with a real git history and a real failing test. */
export async function createDemoScenario(
  name: DemoScenarioName,
  root: string,
  options: DemoScenarioOptions = {},
): Promise<DemoScenario> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  await initRepository(dir);
  const node = options.github ? 'node' : process.execPath;
  const reportPath = options.github ? REPORT_FILE : join(root, `${name}-report.xml`);
  const base = {
    test: { command: demoTestCommand(reportPath, node), report: { format: 'junit', path: reportPath } },
  };
  const config =
    name === 'formatting'
      ? {
          ...base,
          strategies: {
            autofix: { commands: [{ name: 'format', command: [node, 'scripts/format.js', '--write'] }] },
          },
        }
      : name === 'logic-bug'
        ? { ...base, strategies: { model: { enabled: true, maxAttempts: 3 } } }
        : base;
  if (options.github) {
    await writeFiles(dir, {
      'heal.config.json': `${JSON.stringify(config, null, 2)}\n`,
      '.github/workflows/heal-run.yml': options.github.workflow,
      '.gitignore': `${REPORT_FILE}\n`,
    });
  }
  switch (name) {
    case 'flaky':
      return { ...(await buildFlaky(dir, join(root, 'flaky-state'))), config };
    case 'regression':
      return { ...(await buildRegression(dir)), config };
    case 'formatting':
      return { ...(await buildFormatting(dir)), config };
    case 'logic-bug':
      return { ...(await buildLogicBug(dir)), config };
  }
}

type Built = Omit<DemoScenario, 'config'>;

async function buildFlaky(dir: string, statePath: string): Promise<Built> {
  await writeFiles(dir, {
    'package.json': demoPackageJson('flaky-demo'),
    'src/reminders.js':
      "export function nextReminder(hour) {\n  return hour < 12 ? 'stand-up at 09:30' : 'review at 16:00';\n}\n",
    'test/reminders.test.js': unitTest(
      "import { existsSync, readFileSync, writeFileSync } from 'node:fs';\nimport { nextReminder } from '../src/reminders.js';",
      [
        "test('picks the morning reminder', () => {",
        "  assert.equal(nextReminder(9), 'stand-up at 09:30');",
        '});',
        '',
        '// Stands in for a slow dependency: the first run in a fresh checkout times out, later runs pass.',
        "test('the reminder service answers in time', () => {",
        `  const state = ${JSON.stringify(statePath)};`,
        "  const runs = existsSync(state) ? Number(readFileSync(state, 'utf8')) : 0;",
        '  writeFileSync(state, String(runs + 1));',
        "  assert.ok(runs > 0, 'reminder service timed out after 2000 ms');",
        '});',
        '',
      ].join('\n'),
    ),
  });
  await commitAll(dir, 'Add reminders with a service check', 0);
  return {
    name: 'flaky',
    title: 'a test that fails now and then',
    dir,
    modelAnswers: [],
    expectedOutcome: 'flaky',
  };
}

async function buildRegression(dir: string): Promise<Built> {
  const math = (add: string): string =>
    [
      `export function add(a, b) {\n  ${add}\n}`,
      'export function average(values) {\n  return values.length === 0 ? 0 : values.reduce((sum, value) => add(sum, value), 0) / values.length;\n}',
      '',
    ].join('\n\n');
  await writeFiles(dir, {
    'package.json': demoPackageJson('regression-demo'),
    'src/math.js': math('return a + b;'),
    'test/math.test.js': unitTest(
      "import { add, average } from '../src/math.js';",
      "test('adds fractions', () => {\n  assert.equal(add(0.5, 0.25), 0.75);\n});\n\ntest('averages prices', () => {\n  assert.equal(average([1.5, 2.5, 3.5]), 2.5);\n});\n",
    ),
    'CHANGELOG.md': '# Changelog\n',
  });
  await commitAll(dir, 'Add math helpers', 0);
  for (let index = 1; index < 30; index += 1) {
    if (index === 19) {
      // The culprit: integer arithmetic is faster and drops every fraction.
      await writeFiles(dir, { 'src/math.js': math('return (a + b) | 0;') });
      await commitAll(dir, 'Speed up add with integer arithmetic', index);
      continue;
    }
    await writeFiles(dir, {
      [`docs/note-${String(index).padStart(2, '0')}.md`]: `# Note ${index}\n\nRelease notes, part ${index}.\n`,
    });
    await commitAll(dir, `Write release note ${index}`, index);
  }
  return {
    name: 'regression',
    title: 'a regression buried in 30 commits',
    dir,
    modelAnswers: [],
    expectedOutcome: 'healed',
  };
}

const FORMATTER = `// Formats src/: two-space indentation, no trailing spaces, one final newline.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const write = process.argv.includes('--write');
const unformatted = [];
for (const name of readdirSync('src')) {
  const path = join('src', name);
  const text = readFileSync(path, 'utf8');
  const formatted = text
    .split('\\n')
    .map((line) => line.replace(/^\\t+/, (tabs) => '  '.repeat(tabs.length)).replace(/[ \\t]+$/, ''))
    .join('\\n')
    .replace(/\\n*$/, '\\n');
  if (formatted === text) continue;
  unformatted.push(path);
  if (write) writeFileSync(path, formatted);
}
if (!write && unformatted.length > 0) {
  console.error('not formatted: ' + unformatted.join(', '));
  process.exit(1);
}
`;

async function buildFormatting(dir: string): Promise<Built> {
  await writeFiles(dir, {
    'package.json': demoPackageJson('formatting-demo'),
    'scripts/format.js': FORMATTER,
    'src/slug.js':
      "export function slug(title) {\n\treturn title.toLowerCase().trim().replace(/[^a-z0-9]+/g, '-');   \n}\n\n\n",
    'test/slug.test.js': unitTest(
      "import { spawnSync } from 'node:child_process';\nimport { slug } from '../src/slug.js';",
      "test('makes slugs', () => {\n  assert.equal(slug(' Hello World '), 'hello-world');\n});\n\ntest('source is formatted', () => {\n  const check = spawnSync(process.execPath, ['scripts/format.js', '--check'], { encoding: 'utf8' });\n  assert.equal(check.status, 0, check.stderr);\n});\n",
    ),
  });
  await commitAll(dir, 'Add slugs', 0);
  return {
    name: 'formatting',
    title: 'a formatting error',
    dir,
    modelAnswers: [],
    expectedOutcome: 'healed',
  };
}

const CART_BUGGY =
  'export function total(items, discountPercent = 0) {\n  let sum = 0;\n  for (let index = 1; index < items.length; index += 1) {\n    sum += items[index].price * items[index].quantity;\n  }\n  return sum * (1 - discountPercent / 100);\n}\n';
const CART_TEST = unitTest(
  "import { total } from '../src/cart.js';",
  "test('adds up every item', () => {\n  assert.equal(total([{ price: 2, quantity: 3 }, { price: 5, quantity: 1 }]), 11);\n});\n\ntest('applies the discount', () => {\n  assert.equal(total([{ price: 10, quantity: 1 }], 50), 5);\n});\n\ntest('an empty cart costs nothing', () => {\n  assert.equal(total([], 10), 0);\n});\n",
);

async function buildLogicBug(dir: string): Promise<Built> {
  await writeFiles(dir, {
    'package.json': demoPackageJson('logic-bug-demo'),
    'src/cart.js': CART_BUGGY,
    'test/cart.test.js': CART_TEST,
  });
  await commitAll(dir, 'Add cart totals', 0);
  // The scripted model first tries to weaken the test (a guardrail refuses it), then fixes the loop.
  const weakenTest = await diffOf(dir, { 'test/cart.test.js': CART_TEST.replace('), 11);', '), 5);') });
  const fixLoop = await diffOf(dir, {
    'src/cart.js': CART_BUGGY.replace('let index = 1;', 'let index = 0;'),
  });
  return {
    name: 'logic-bug',
    title: 'a logic bug a model fixes',
    dir,
    modelAnswers: [
      `The expected total looks wrong; adjusting the test.\n\n\`\`\`diff\n${weakenTest}\`\`\`\n`,
      `The loop skips the first item. Start it at 0.\n\n\`\`\`diff\n${fixLoop}\`\`\`\n`,
    ],
    expectedOutcome: 'healed',
  };
}

// The model's answers are real diffs of this repository, made by git, so they always apply.
async function diffOf(dir: string, files: Readonly<Record<string, string>>): Promise<string> {
  await writeFiles(dir, files);
  const diff = await git(dir, ['diff']);
  await git(dir, ['checkout', '-q', '--', '.']);
  return `${diff}\n`;
}
