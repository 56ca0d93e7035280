import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowRunRecord } from '../src/index.js';
import { type Harness, repo, startHarness } from './support/simulator.js';

const LOCKFILE = '{ "lockfileVersion": 3, "packages": {} }\n';

const TOOLCHAIN = `name: Toolchain
on: workflow_dispatch
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: node
        uses: actions/setup-node@v4
        with:
          node-version-file: .nvmrc
          cache: npm
          cache-dependency-path: package-lock.json
      - id: python
        uses: actions/setup-python@v5
        with:
          python-version-file: .python-version
          cache: pip
          cache-dependency-path: |
            requirements.txt
      - name: Use them
        run: |
          echo "node \${{ steps.node.outputs.node-version }} $(node --version)"
          echo "python \${{ steps.python.outputs.python-version }} $(python --version)"
          echo "lock \${{ hashFiles('package-lock.json', '!nothing') }}"
          echo "none [\${{ hashFiles('**/*.nomatch') }}]"
`;

const setupWorkflow = (name: string, steps: string): string => `name: ${name}
on: workflow_dispatch
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
${steps}
      - name: After
        run: echo after
`;

const MISSING_NODE_FILE = setupWorkflow(
  'Missing node file',
  `      - uses: actions/setup-node@v4
        with:
          node-version-file: .node-version`,
);
const MISSING_PYTHON_FILE = setupWorkflow(
  'Missing python file',
  `      - uses: actions/setup-python@v5
        with:
          python-version-file: .python-version-missing`,
);
const PYTHON_CACHE_NO_MATCH = setupWorkflow(
  'Pip cache without requirements',
  `      - uses: actions/setup-python@v5
        with:
          python-version: '3.x'
          cache: pip
          cache-dependency-path: requirements-none.txt`,
);
const NODE_CACHE_NO_LOCKFILE = setupWorkflow(
  'Yarn cache without a lockfile',
  `      - uses: actions/setup-node@v4
        with:
          node-version: lts/*
          cache: npm
          cache-dependency-path: yarn.lock`,
);
const PNPM_WITHOUT_VERSION = setupWorkflow('pnpm without a version', '      - uses: pnpm/action-setup@v4');
const PNPM = setupWorkflow(
  'pnpm',
  `      - uses: pnpm/action-setup@v4
        with:
          version: 9.15.9
      - uses: actions/setup-node@v4
        with:
          node-version: lts/*
          cache: pnpm
          cache-dependency-path: package-lock.json
      - name: pnpm works
        run: pnpm --version`,
);

const NPM_CACHE = setupWorkflow(
  'npm cache',
  `      - id: node
        uses: actions/setup-node@v4
        with:
          node-version: lts/*
          cache: npm
      - name: Use the cache
        run: |
          echo "hit \${{ steps.node.outputs.cache-hit }}"
          mkdir -p ~/.npm && ls ~/.npm
          echo downloaded > ~/.npm/marker-\${{ github.run_id }}`,
);

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({
    '.nvmrc': `v${process.versions.node.split('.')[0]}\n`,
    '.python-version': '3\n',
    'package.json': '{ "name": "tools" }\n',
    'package-lock.json': LOCKFILE,
    'requirements.txt': 'requests\n',
    '.github/workflows/toolchain.yml': TOOLCHAIN,
    '.github/workflows/missing-node-file.yml': MISSING_NODE_FILE,
    '.github/workflows/missing-python-file.yml': MISSING_PYTHON_FILE,
    '.github/workflows/pip-no-match.yml': PYTHON_CACHE_NO_MATCH,
    '.github/workflows/npm-no-lockfile.yml': NODE_CACHE_NO_LOCKFILE,
    '.github/workflows/pnpm-no-version.yml': PNPM_WITHOUT_VERSION,
    '.github/workflows/pnpm.yml': PNPM,
    '.github/workflows/npm-cache.yml': NPM_CACHE,
  });
});
afterAll(() => harness.close());

async function run(workflow: string): Promise<WorkflowRunRecord> {
  const { data } = await harness.octokit.request(
    'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
    { ...repo, workflow_id: workflow, ref: 'main', return_run_details: true },
  );
  const { workflow_run_id: runId } = data as unknown as { workflow_run_id: number };
  return harness.sim.waitForRun('acme', 'widgets', runId);
}

const steps = (record: WorkflowRunRecord) =>
  (record.jobs[0]?.steps ?? []).map((step) => ({ conclusion: step.conclusion, log: step.log }));

describe('setup actions in the simulator', () => {
  it('sets up node and python from version files, with their outputs, tools on PATH and hashFiles', async () => {
    const record = await run('toolchain.yml');
    expect(record.conclusion).toBe('success');
    const [, node, python, use] = steps(record);
    expect(node?.log).toContain(`Resolved .nvmrc as ${process.versions.node.split('.')[0]}`);
    expect(node?.log).toContain(`using node v${process.versions.node} from PATH`);
    expect(node?.log).toMatch(/npm cache is not found \(key node-cache-Linux-x64-npm-[0-9a-f]{64}\)/);
    expect(python?.log).toContain('Resolved .python-version as 3');
    expect(python?.log).toMatch(/pip cache: the simulator restores and saves nothing/);
    expect(use?.log).toContain(`node v${process.versions.node} v${process.versions.node}`);
    expect(use?.log).toMatch(/python 3\.\d+\.\d+ Python 3\.\d+\.\d+/);
    // The runner's algorithm: SHA-256 over the SHA-256 of each matched file.
    const expected = createHash('sha256')
      .update(createHash('sha256').update(LOCKFILE).digest())
      .digest('hex');
    expect(use?.log).toContain(`lock ${expected}`);
    expect(use?.log).toContain('none []');
  });

  it('restores the npm cache a successful run saved under the lockfile key, as setup-node does', async () => {
    const first = await run('npm-cache.yml');
    expect(first.conclusion).toBe('success');
    const [, saving, used] = steps(first);
    expect(used?.log).toContain('hit false');
    // Saved by the post step, at the end of the job.
    expect(saving?.log).toMatch(/Cache saved with the key: node-cache-Linux-x64-npm-[0-9a-f]{64}/);
    const second = await run('npm-cache.yml');
    const [, restoring, reused] = steps(second);
    expect(restoring?.log).toMatch(/Cache restored from key: node-cache-Linux-x64-npm-/);
    expect(reused?.log).toContain('hit true');
    expect(reused?.log).toContain(`marker-${first.id}`);
    expect(restoring?.log).not.toMatch(/Cache saved/);
  });

  it('fails where the real actions fail, with their messages, and skips the steps after', async () => {
    const cases: Array<[string, RegExp]> = [
      ['missing-node-file.yml', /The specified node version file at: \S+\/\.node-version does not exist/],
      [
        'missing-python-file.yml',
        /The specified python version file at: \.python-version-missing doesn't exist\./,
      ],
      ['pip-no-match.yml', /No file in \S+ matched to \[requirements-none\.txt\]/],
      ['npm-no-lockfile.yml', /Some specified paths were not resolved, unable to cache dependencies\./],
      ['pnpm-no-version.yml', /No pnpm version is specified\./],
    ];
    for (const [workflow, message] of cases) {
      const record = await run(workflow);
      expect(record.conclusion, workflow).toBe('failure');
      const [, setup, after] = steps(record);
      expect(setup?.conclusion, workflow).toBe('failure');
      expect(setup?.log, workflow).toMatch(message);
      expect(after?.conclusion, workflow).toBe('skipped');
    }
  });

  it('puts the pnpm a workflow asks for on PATH, before setup-node reads its store', async () => {
    const record = await run('pnpm.yml');
    expect(record.conclusion).toBe('success');
    const [, pnpm, , works] = steps(record);
    expect(pnpm?.log).toMatch(/pnpm 9\.15\.9 (is on PATH|was asked for)/);
    expect(works?.log).toMatch(/Z 9\.15\.9$/m);
  });
});
