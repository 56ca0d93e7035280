import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testExecutionAdapter } from '@healing/adapters/testing';
import { createProcessExecution } from '../src/execution/process-execution.js';

testExecutionAdapter(
  'createProcessExecution',
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'healing-exec-'));
    const parentSecret = { name: 'GITHUB_TOKEN', value: 'ghp_fakeContractToken1234567890' };
    const env = {
      PATH: process.env.PATH,
      HOME: dir,
      LANG: 'C.UTF-8',
      [parentSecret.name]: parentSecret.value,
    };
    return {
      execution: createProcessExecution({ env, killGraceMs: 500 }),
      dir,
      parentSecret,
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  },
  { timeoutMs: 20_000 },
);
