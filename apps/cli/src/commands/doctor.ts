import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isHealingError, redactSecrets } from '@healing/adapters';
import { type LoadedConfig, loadConfig } from '../config/load-config.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { findRepository, type RepositoryInfo } from '../local/find-repository.js';
import { openCache } from '../local/open-cache.js';
import { colorsFor } from '../output/colors.js';
import { parseFlags } from '../parse-flags.js';

export const DOCTOR_HELP = `heal doctor: check what heal needs here, each with a fix

Usage
  heal doctor [--json]

Checks Node.js, git, the repository, the config and test command, the SQLite cache, the
model endpoint (when the model strategy is on), the GitHub token and its scopes (when one
is set: HEAL_GITHUB_TOKEN, GITHUB_TOKEN or GH_TOKEN; API at GITHUB_API_URL), and the
Actions workflow. Exits 3 when something heal needs is missing.
`;

export interface DoctorCheck {
  readonly name: string;
  readonly status: 'ok' | 'warn' | 'fail' | 'info';
  readonly detail: string;
  readonly fix?: string;
}

const run = promisify(execFile);
const NETWORK_TIMEOUT_MS = 3000;
const TOKEN_VARIABLES = ['HEAL_GITHUB_TOKEN', 'GITHUB_TOKEN', 'GH_TOKEN'] as const;

export async function doctorCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags('doctor', args, {
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(DOCTOR_HELP);
    return EXIT.ok;
  }
  const checks = await runChecks(io);
  const secrets = TOKEN_VARIABLES.map((name) => io.env[name]);
  if (values.json) {
    io.stdout.write(`${redactSecrets(JSON.stringify(checks), secrets)}\n`);
  } else {
    const colors = colorsFor(Boolean(io.stdout.isTTY), io.env);
    const marks = {
      ok: colors.green('✓'),
      warn: colors.yellow('!'),
      fail: colors.red('✗'),
      info: colors.dim('-'),
    };
    for (const check of checks) {
      const fix = check.fix ? `\n    fix: ${check.fix}` : '';
      io.stdout.write(
        redactSecrets(`${marks[check.status]} ${check.name}: ${check.detail}${fix}\n`, secrets),
      );
    }
  }
  return checks.some((check) => check.status === 'fail') ? EXIT.environment : EXIT.ok;
}

async function runChecks(io: CliIo): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [checkNode()];
  checks.push(await checkGit());
  let repository: RepositoryInfo | null = null;
  try {
    repository = await findRepository(io.cwd ?? process.cwd());
    checks.push({ name: 'repository', status: 'ok', detail: `${repository.name} at ${repository.root}` });
  } catch (error) {
    checks.push({
      name: 'repository',
      status: 'fail',
      detail: messageOf(error),
      fix: 'run heal inside a git repository',
    });
    return checks;
  }
  let loaded: LoadedConfig | null = null;
  try {
    loaded = await loadConfig({ dir: repository.root });
    checks.push({
      name: 'config',
      status: 'ok',
      detail: `${loaded.source ?? 'no config file (defaults)'}; tests: ${loaded.testCommandFrom}; setup: ${loaded.setupFrom}`,
    });
  } catch (error) {
    checks.push({
      name: 'config',
      status: 'fail',
      detail: messageOf(error),
      fix: 'run heal init, or fix the setting named above',
    });
  }
  checks.push(await checkCache(repository.cachePath));
  if (loaded) checks.push(await checkModel(loaded, io.env));
  checks.push(await checkGitHubToken(io.env));
  const workflow = join(repository.root, '.github', 'workflows', 'heal-run.yml');
  checks.push(
    existsSync(workflow)
      ? { name: 'actions workflow', status: 'ok', detail: '.github/workflows/heal-run.yml is present' }
      : {
          name: 'actions workflow',
          status: 'info',
          detail: 'not installed (needed only to run tests on GitHub Actions)',
          fix: 'heal init --github, then commit and push it',
        },
  );
  return checks;
}

function checkNode(): DoctorCheck {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const isSupported = major > 20 || (major === 20 && minor >= 19);
  return isSupported
    ? { name: 'node', status: 'ok', detail: process.versions.node }
    : {
        name: 'node',
        status: 'fail',
        detail: `${process.versions.node} is too old`,
        fix: 'install Node.js 20.19 or newer',
      };
}

async function checkGit(): Promise<DoctorCheck> {
  try {
    const { stdout } = await run('git', ['--version']);
    const version = /(\d+)\.(\d+)/.exec(stdout);
    const [major, minor] = [Number(version?.[1] ?? 0), Number(version?.[2] ?? 0)];
    return major > 2 || (major === 2 && minor >= 30)
      ? { name: 'git', status: 'ok', detail: stdout.trim() }
      : {
          name: 'git',
          status: 'fail',
          detail: `${stdout.trim()} is too old`,
          fix: 'install git 2.30 or newer',
        };
  } catch {
    return { name: 'git', status: 'fail', detail: 'git is not on PATH', fix: 'install git 2.30 or newer' };
  }
}

async function checkCache(path: string): Promise<DoctorCheck> {
  try {
    const { cache, warning } = await openCache(path);
    await cache.close();
    return warning
      ? {
          name: 'cache',
          status: 'warn',
          detail: warning,
          fix: 'reinstall healing so better-sqlite3 builds (needs python3, make, g++)',
        }
      : { name: 'cache', status: 'ok', detail: path };
  } catch (error) {
    const fix = isHealingError(error, 'CACHE_CORRUPT')
      ? 'heal cache reset'
      : 'check the permissions of .git/heal';
    return { name: 'cache', status: 'fail', detail: messageOf(error), fix };
  }
}

async function checkModel(loaded: LoadedConfig, env: CliIo['env']): Promise<DoctorCheck> {
  const model = loaded.config.strategies.model;
  if (!model.enabled)
    return { name: 'model', status: 'info', detail: 'the model strategy is off (strategies.model.enabled)' };
  const key = env[model.apiKeyEnv];
  const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  const url = `${model.baseUrl.replace(/\/$/, '')}/models`;
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(NETWORK_TIMEOUT_MS) });
    if (response.status === 401 || response.status === 403) {
      return {
        name: 'model',
        status: 'fail',
        detail: `${model.baseUrl} refused the key (${response.status})`,
        fix: `set a valid key in ${model.apiKeyEnv}`,
      };
    }
    const detail = `${model.baseUrl} answers (${response.status}); model ${model.model}`;
    if (!key)
      return {
        name: 'model',
        status: 'warn',
        detail: `${detail}; ${model.apiKeyEnv} is not set`,
        fix: `export ${model.apiKeyEnv}=<key> (local servers may not need one)`,
      };
    return { name: 'model', status: 'ok', detail };
  } catch (error) {
    return {
      name: 'model',
      status: 'fail',
      detail: `cannot reach ${model.baseUrl}: ${messageOf(error)}`,
      fix: 'start the model server, or fix strategies.model.baseUrl',
    };
  }
}

async function checkGitHubToken(env: CliIo['env']): Promise<DoctorCheck> {
  const variable = TOKEN_VARIABLES.find((name) => env[name]);
  if (!variable)
    return {
      name: 'github token',
      status: 'info',
      detail: 'none set: local heals only',
      fix: 'set HEAL_GITHUB_TOKEN to heal through GitHub',
    };
  const apiUrl = (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/$/, '');
  try {
    const response = await fetch(`${apiUrl}/rate_limit`, {
      headers: { authorization: `Bearer ${env[variable]}`, accept: 'application/vnd.github+json' },
      signal: AbortSignal.timeout(NETWORK_TIMEOUT_MS),
    });
    if (response.status === 401) {
      return {
        name: 'github token',
        status: 'fail',
        detail: `${variable} was refused by ${apiUrl}`,
        fix: `create a new token and set ${variable}`,
      };
    }
    const scopes = response.headers.get('x-oauth-scopes');
    const remaining = response.headers.get('x-ratelimit-remaining');
    if (scopes !== null && !/\brepo\b/.test(scopes)) {
      return {
        name: 'github token',
        status: 'fail',
        detail: `${variable} has scopes "${scopes}" without repo`,
        fix: 'use a token with repo and workflow scopes, or a fine-grained token with contents, pull requests and actions write',
      };
    }
    const kind = scopes === null ? 'fine-grained or App token' : `scopes ${scopes}`;
    return {
      name: 'github token',
      status: 'ok',
      detail: `${variable} works at ${apiUrl} (${kind}; ${remaining ?? '?'} requests left)`,
    };
  } catch (error) {
    return {
      name: 'github token',
      status: 'warn',
      detail: `cannot reach ${apiUrl}: ${messageOf(error)}`,
      fix: 'check the network, or set GITHUB_API_URL',
    };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
