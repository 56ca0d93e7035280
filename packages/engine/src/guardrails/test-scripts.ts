// Package managers' ways of running another script from a script.
const SCRIPT_CALL = /\b(?:npm|pnpm|yarn|bun)\s+(?:run(?:-script)?\s+)?([\w:.@/-]+)/g;
const RUN_ALL = /\b(?:run-s|run-p|npm-run-all(?:2)?)\s+([^&|;]+)/g;
const PACKAGE_MANAGER_COMMANDS = new Set([
  'install',
  'ci',
  'exec',
  'dlx',
  'x',
  'i',
  'add',
  'why',
  'pack',
  'publish',
]);

/**
 * The scripts a test command runs: `test` (and any `test:*`), their pre/post hooks, and every
 * script they call through the package manager or npm-run-all, transitively.
 */
export function testScriptsOf(
  scripts: Readonly<Record<string, string>>,
  testCommand: string | readonly string[],
): Set<string> {
  const command = typeof testCommand === 'string' ? testCommand : testCommand.join(' ');
  const pending = [
    ...Object.keys(scripts).filter((name) => name === 'test' || /^test[:-]/.test(name)),
    ...calledScripts(command),
  ];
  const found = new Set<string>();
  // Bounded by the number of scripts: each is visited once.
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (found.has(name) || scripts[name] === undefined) continue;
    found.add(name);
    for (const hook of [`pre${name}`, `post${name}`]) if (scripts[hook] !== undefined) pending.push(hook);
    pending.push(...calledScripts(scripts[name]));
  }
  return found;
}

function calledScripts(line: string): string[] {
  const names: string[] = [];
  for (const match of line.matchAll(SCRIPT_CALL)) {
    const name = match[1] ?? '';
    if (name === 't' || name === 'tst') names.push('test');
    else if (!PACKAGE_MANAGER_COMMANDS.has(name)) names.push(name);
  }
  for (const match of line.matchAll(RUN_ALL)) {
    names.push(...(match[1] ?? '').split(/\s+/).filter((word) => word !== '' && !word.startsWith('-')));
  }
  return names;
}
