import { type ChildProcess, execFile, spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// The image cannot be built here (no Docker engine), so this test runs the Dockerfile's own
// deploy step, healthcheck and entrypoint, read from the file, on the bundle the image would hold.
const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const dockerfile = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8');
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));

function instruction(keyword: string, contains = ''): string {
  const found = instructions.find((line) => line.startsWith(`${keyword} `) && line.includes(contains));
  if (!found) throw new Error(`apps/worker/Dockerfile has no ${keyword} with "${contains}"`);
  return found.slice(keyword.length + 1).trim();
}

const deployStep = instruction('RUN', ' deploy ');
const runtimeCopy = instruction('COPY', '--from=build').split(/\s+/);
const healthcheck = JSON.parse(instruction('HEALTHCHECK').replace(/^.*?CMD /, '')) as string[];
const entrypoint = JSON.parse(instruction('ENTRYPOINT')) as string[];

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Finished> {
  const [program = '', ...args] = command;
  return new Promise((resolve) => {
    execFile(program, args, { ...options, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Every symbolic link under `dir`, without following links to directories. */
function symlinksUnder(dir: string): string[] {
  const links: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isSymbolicLink()) links.push(path);
    else if (entry.isDirectory()) links.push(...symlinksUnder(path));
  }
  return links;
}

function readyUrl(worker: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    worker.stdout?.on('data', (chunk: Buffer) => {
      const lines = (buffered + chunk.toString('utf8')).split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines.filter((text) => text.startsWith('{'))) {
        const parsed = JSON.parse(line) as { msg?: string; url?: string };
        if (parsed.msg === 'heal-worker ready' && parsed.url) resolve(parsed.url);
      }
    });
    worker.once('exit', (code) =>
      reject(new Error(`the worker exited with ${code} before ready: ${stderr()}`)),
    );
  });
}

const exitOf = (worker: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (worker.exitCode !== null || worker.signalCode !== null) {
      resolve({ code: worker.exitCode, signal: worker.signalCode });
    } else worker.once('exit', (code, signal) => resolve({ code, signal }));
  });

const cleanups: Array<() => unknown> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function temporaryDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('the worker deployed as the image holds it (slow)', () => {
  it('runs from a moved, production-only directory: ready, healthy, stopped by SIGTERM with 0', async () => {
    // The runtime stage copies what the deploy step wrote, and nothing else.
    const deployTarget = deployStep.split(' ').at(-1) ?? '';
    expect(runtimeCopy.at(-2)).toBe(deployTarget);
    expect(deployStep, 'one word per argument: this test splits the step on spaces').not.toMatch(/["'$]/);

    const deployed = join(temporaryDir('heal-worker-deploy-'), 'app');
    expect(relative(repositoryRoot, deployed).startsWith('..')).toBe(true);
    const command = deployStep.split(' ').map((word) => (word === deployTarget ? deployed : word));
    const deploy = await run(command, { cwd: repositoryRoot, env: process.env });
    expect(deploy.code, deploy.stderr || deploy.stdout).toBe(0);

    // Its dist and bin, the workspace packages with their dist, better-sqlite3 compiled, no dev tools.
    expect(existsSync(join(deployed, 'bin', 'heal-worker.js'))).toBe(true);
    expect(existsSync(join(deployed, 'dist', 'main.js'))).toBe(true);
    for (const name of ['adapters', 'engine', 'github', 'local']) {
      expect(existsSync(join(deployed, 'node_modules', '@healing', name, 'dist', 'index.js'))).toBe(true);
    }
    const store = readdirSync(join(deployed, 'node_modules', '.pnpm'));
    const betterSqlite = store.find((name) => name.startsWith('better-sqlite3@'));
    expect(betterSqlite).toBeDefined();
    const binary = ['node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'];
    expect(existsSync(join(deployed, 'node_modules', '.pnpm', betterSqlite ?? '', ...binary))).toBe(true);
    expect(
      store.filter((name) => /^(vitest|typescript|@healing\+github-sim|@biomejs\+biome)@/.test(name)),
    ).toEqual([]);

    // Every link stays inside the bundle; moved elsewhere, it must still run.
    const moved = join(temporaryDir('heal-worker-moved-'), 'app');
    renameSync(deployed, moved);
    const links = symlinksUnder(moved);
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((link) => !realpathSync(link).startsWith(`${moved}${sep}`))).toEqual([]);

    // What a heal loads lazily loads too.
    const lazyImports = [
      "for (const name of ['@healing/engine', '@healing/github', '@healing/github-heal', '@healing/local']) await import(name);",
      // As an App, @healing/github loads @octokit/auth-app on the first client.
      "const { createGitHubClient } = await import('@healing/github');",
      "await createGitHubClient({ auth: { appId: 1, privateKey: '-----BEGIN PRIVATE KEY-----', installationId: 1 } });",
    ].join('\n');
    const minimalEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
    const imports = await run([entrypoint[0] ?? '', '--input-type=module', '-e', lazyImports], {
      cwd: moved,
      env: minimalEnv,
    });
    expect(imports.code, imports.stderr).toBe(0);

    const dataDir = temporaryDir('heal-worker-data-');
    const [program = '', ...args] = entrypoint;
    const worker = spawn(program, args, {
      cwd: moved,
      env: {
        ...minimalEnv,
        HEAL_WEBHOOK_SECRET: 'deploy-bundle-secret-0123',
        HEAL_GITHUB_TOKEN: 'anything',
        HEAL_GITHUB_API_URL: 'http://127.0.0.1:9',
        HEAL_HOST: '127.0.0.1',
        HEAL_PORT: '0',
        HEAL_DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => worker.kill('SIGKILL'));
    let stderr = '';
    worker.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const url = await readyUrl(worker, () => stderr);

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const port = new URL(url).port;
    const healthcheckEnv = { ...minimalEnv, HEAL_PORT: port };
    expect((await run(healthcheck, { cwd: moved, env: healthcheckEnv })).code).toBe(0);
    // The job queue is a SQLite file: better-sqlite3 loaded from the bundle.
    expect(existsSync(join(dataDir, 'jobs.sqlite'))).toBe(true);

    worker.kill('SIGTERM');
    expect(await exitOf(worker), stderr).toEqual({ code: 0, signal: null });
    expect((await run(healthcheck, { cwd: moved, env: healthcheckEnv })).code).toBe(1);
  }, 180_000);
});
