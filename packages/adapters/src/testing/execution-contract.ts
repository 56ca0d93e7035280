import assert from 'node:assert/strict';
import { readFileSync, realpathSync } from 'node:fs';
import { HealingError } from '../errors.js';
import type { ExecutionAdapter } from '../execution.js';
import type { ContractCase } from './contract-case.js';

/**
 * An execution adapter built with an injected parent environment that holds `parentSecret`,
 * plus a scratch directory commands may run in.
 */
export interface ExecutionContractSubject {
  readonly execution: ExecutionAdapter;
  readonly dir: string;
  /** A variable in the adapter's injected parent env that must never reach a command. */
  readonly parentSecret: { readonly name: string; readonly value: string };
  cleanup?(): Promise<void>;
}

const node = process.execPath;
const isLocal = (subject: ExecutionContractSubject): boolean => !subject.execution.capabilities.remote;

/** True while the process exists and is not a zombie waiting to be reaped. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** Waits (bounded) for processes to be gone; a killed process can take a moment to exit. */
export async function waitUntilGone(pids: readonly number[], attempts = 100): Promise<number[]> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const alive = pids.filter(isProcessAlive);
    if (alive.length === 0) return [];
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return pids.filter(isProcessAlive);
}

const pidsIn = (text: string): number[] => [...text.matchAll(/pid=(\d+)/g)].map((match) => Number(match[1]));

const FORKS_A_CHILD = `
const { spawn } = require('node:child_process');
const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
console.log('pid=' + process.pid + ' pid=' + child.pid);
setInterval(() => {}, 1000);
`;

export const executionContractCases: readonly ContractCase<ExecutionContractSubject>[] = [
  {
    name: 'a non-zero exit is a result, with stdout and stderr kept apart',
    requires: isLocal,
    async run({ execution }) {
      const result = await execution.run({
        command: [node, '-e', 'process.stdout.write("out"); process.stderr.write("err"); process.exit(3)'],
      });
      assert.equal(result.exitCode, 3);
      assert.equal(result.stdout, 'out');
      assert.equal(result.stderr, 'err');
      assert.equal(result.timedOut, false);
      assert.equal(result.aborted, false);
      const ok = await execution.run({ command: [node, '-e', ''] });
      assert.equal(ok.exitCode, 0);
    },
  },
  {
    name: 'runs in the given cwd and passes input on stdin',
    requires: isLocal,
    async run({ execution, dir }) {
      const result = await execution.run({
        command: [
          node,
          '-e',
          'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(process.cwd()+"|"+s.toUpperCase()))',
        ],
        cwd: dir,
        input: 'piped',
      });
      assert.equal(result.stdout.trim(), `${realpathSync(dir)}|PIPED`);
    },
  },
  {
    name: 'passes spec.env and the allowlist, never the parent secrets',
    requires: isLocal,
    async run({ execution, parentSecret }) {
      const result = await execution.run({
        command: [node, '-e', 'console.log(JSON.stringify(process.env))'],
        env: { HEALING_CONTRACT_VAR: 'set-by-spec' },
      });
      const env = JSON.parse(result.stdout) as Record<string, string>;
      assert.equal(env.HEALING_CONTRACT_VAR, 'set-by-spec');
      assert.ok(env.PATH, 'PATH reaches the command');
      assert.equal(env[parentSecret.name], undefined);
      assert.ok(!result.stdout.includes(parentSecret.value), 'the secret value leaked into the child env');
    },
  },
  {
    name: 'a shell string runs in a shell, an argv array does not',
    requires: isLocal,
    async run({ execution }) {
      const shell = await execution.run({ command: 'echo $((2 + 3)) | sed s/5/five/' });
      assert.equal(shell.stdout.trim(), 'five');
      const literal = '$HOME; echo injected';
      const argv = await execution.run({ command: [node, '-e', 'console.log(process.argv[1])', literal] });
      assert.equal(argv.stdout.trim(), literal);
    },
  },
  {
    name: 'a missing binary is COMMAND_FAILED',
    requires: isLocal,
    async run({ execution }) {
      await assert.rejects(execution.run({ command: ['healing-no-such-binary-7f3a'] }), (error: unknown) => {
        assert.ok(error instanceof HealingError);
        assert.equal(error.code, 'COMMAND_FAILED');
        assert.match(error.message, /healing-no-such-binary-7f3a/);
        return true;
      });
    },
  },
  {
    name: 'a timeout ends the whole process tree and says timedOut',
    requires: (subject) => isLocal(subject) && subject.execution.capabilities.killsProcessTree,
    async run({ execution }) {
      const result = await execution.run({ command: [node, '-e', FORKS_A_CHILD], timeoutMs: 1500 });
      assert.equal(result.timedOut, true);
      assert.equal(result.exitCode, null);
      const pids = pidsIn(result.stdout);
      assert.equal(pids.length, 2, `the command printed its pids: ${result.stdout}`);
      assert.deepEqual(await waitUntilGone(pids), []);
    },
  },
  {
    name: 'a command that ignores SIGTERM still ends',
    requires: isLocal,
    async run({ execution }) {
      const script =
        'process.on("SIGTERM", () => {}); console.log("pid=" + process.pid); setInterval(() => {}, 1000)';
      const result = await execution.run({ command: [node, '-e', script], timeoutMs: 1000 });
      assert.equal(result.timedOut, true);
      assert.deepEqual(await waitUntilGone(pidsIn(result.stdout)), []);
    },
  },
  {
    name: 'an abort signal ends the command; an aborted signal runs nothing',
    requires: isLocal,
    async run({ execution }) {
      const controller = new AbortController();
      const running = execution.run({
        command: [node, '-e', FORKS_A_CHILD],
        signal: controller.signal,
        timeoutMs: 60_000,
      });
      setTimeout(() => controller.abort(), 1000);
      const result = await running;
      assert.equal(result.aborted, true);
      assert.equal(result.timedOut, false);
      assert.deepEqual(await waitUntilGone(pidsIn(result.stdout)), []);
      const before = await execution.run({
        command: [node, '-e', 'console.log("ran")'],
        signal: AbortSignal.abort(),
      });
      assert.equal(before.aborted, true);
      assert.equal(before.stdout, '');
    },
  },
  {
    name: 'output past the cap keeps its tail',
    requires: isLocal,
    async run({ execution }) {
      const result = await execution.run({
        command: [node, '-e', 'process.stdout.write("HEAD" + "x".repeat(200000) + "TAIL")'],
        maxOutputBytes: 1000,
      });
      assert.equal(result.outputTruncated, true);
      assert.ok(result.stdout.endsWith('xTAIL'));
      assert.ok(!result.stdout.includes('HEAD'));
      assert.ok(Buffer.byteLength(result.stdout) <= 1000);
      assert.equal(result.exitCode, 0);
    },
  },
  {
    name: 'runTests without a report falls back to the exit code with the output tail',
    requires: isLocal,
    async run({ execution }) {
      const failed = await execution.runTests({
        command: [node, '-e', 'console.log("assertion blew up"); process.exit(1)'],
      });
      assert.equal(failed.result.source, 'exit-code');
      assert.equal(failed.result.failed, 1);
      assert.match(failed.result.failedTests[0]?.output ?? '', /assertion blew up/);
      const passed = await execution.runTests({ command: [node, '-e', ''] });
      assert.equal(passed.result.source, 'exit-code');
      assert.equal(passed.result.passed, 1);
      assert.equal(passed.result.failed, 0);
    },
  },
  {
    name: 'runTests parses a JUnit report the command wrote',
    requires: isLocal,
    async run({ execution, dir }) {
      const xml =
        '<testsuites><testsuite name="s"><testcase classname="math" name="adds"/>' +
        '<testcase classname="math" name="divides"><failure message="expected 2">stack</failure></testcase>' +
        '<testcase classname="math" name="later"><skipped/></testcase></testsuite></testsuites>';
      const script = `require("node:fs").writeFileSync("report.xml", ${JSON.stringify(xml)}); process.exit(1)`;
      const { result, command } = await execution.runTests({
        command: [node, '-e', script],
        cwd: dir,
        report: { format: 'junit', path: 'report.xml' },
      });
      assert.equal(command.exitCode, 1);
      assert.equal(result.source, 'junit');
      assert.deepEqual([result.passed, result.failed, result.skipped, result.total], [1, 1, 1, 3]);
      assert.equal(result.failedTests[0]?.name, 'divides');
      assert.equal(result.failedTests[0]?.message, 'expected 2');
    },
  },
];
