import { isAbsolute, resolve } from 'node:path';
import type { CommandSpec, ExecutionAdapter, TestCommandSpec } from '@healing/adapters';

/** Runs commands of `base` with the working directory defaulting to, and relative to, `root`. */
export function scopeExecution(base: ExecutionAdapter, root: string): ExecutionAdapter {
  const scoped = <T extends CommandSpec>(spec: T): T => ({
    ...spec,
    cwd: spec.cwd === undefined ? root : isAbsolute(spec.cwd) ? spec.cwd : resolve(root, spec.cwd),
  });
  return {
    name: base.name,
    capabilities: base.capabilities,
    run: (spec: CommandSpec) => base.run(scoped(spec)),
    runTests: (spec: TestCommandSpec) => base.runTests(scoped(spec)),
  };
}
