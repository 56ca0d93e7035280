import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ScriptResult {
  readonly exitCode: number | null;
  readonly killed: boolean;
}

/** Output kept per step; older output is dropped so a chatty step cannot exhaust memory. */
const MAX_LOG_CHARS = 4 * 1024 * 1024;

/**
 * Runs a `run:` script as GitHub's Linux runners do (`bash -e {0}`), in its own process group so
 * cancelling kills everything it started. Output goes line by line to `onOutput`.
 */
export async function runScript(options: {
  readonly script: string;
  readonly scriptDir: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
  readonly onOutput: (text: string) => void;
}): Promise<ScriptResult> {
  const scriptPath = join(options.scriptDir, `step-${process.hrtime.bigint()}.sh`);
  await writeFile(scriptPath, options.script);
  if (options.signal.aborted) return { exitCode: null, killed: true };
  return new Promise((resolve) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-e', scriptPath], {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let killed = false;
    let logged = 0;
    const kill = () => {
      killed = true;
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // The group is already gone.
        }
      }
    };
    options.signal.addEventListener('abort', kill, { once: true });
    const collect = (chunk: Buffer) => {
      if (logged > MAX_LOG_CHARS) return;
      logged += chunk.length;
      options.onOutput(chunk.toString('utf8'));
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => {
      options.onOutput(`could not start bash: ${error.message}\n`);
    });
    child.on('close', (code) => {
      options.signal.removeEventListener('abort', kill);
      if (killed) kill();
      resolve({ exitCode: code, killed });
    });
  });
}
