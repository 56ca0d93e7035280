import type { ActionsToolchain, NodeToolchain, PythonToolchain } from './actions-toolchain.js';

const PLAIN = /^[A-Za-z_./-][A-Za-z0-9_./-]*$/;
const YAML_WORDS = /^(true|false|yes|no|on|off|null|y|n)$/i;

/** A YAML scalar that stays a string whatever it holds: plain when safe, quoted (`"9"`, `"lts/*"`) otherwise. */
const scalar = (value: string): string =>
  PLAIN.test(value) && !YAML_WORDS.test(value) ? value : JSON.stringify(value);

const INDENT = '      ';

function step(
  name: string,
  uses: string,
  inputs: ReadonlyArray<readonly [string, string | string[]]>,
): string {
  const lines = [`${INDENT}- name: ${name}`, `${INDENT}  uses: ${uses}`];
  if (inputs.length > 0) lines.push(`${INDENT}  with:`);
  for (const [key, value] of inputs) {
    if (typeof value === 'string') lines.push(`${INDENT}    ${key}: ${scalar(value)}`);
    else lines.push(`${INDENT}    ${key}: |`, ...value.map((line) => `${INDENT}      ${line}`));
  }
  return lines.join('\n');
}

function nodeSteps(node: NodeToolchain): string[] {
  const steps: string[] = [];
  // setup-node's pnpm cache asks `pnpm store path`, so pnpm must be on PATH first.
  if (node.packageManager === 'pnpm') {
    steps.push(
      step(
        'Set up pnpm',
        'pnpm/action-setup@v4',
        node.pnpmVersion === null ? [] : [['version', node.pnpmVersion]],
      ),
    );
  }
  const inputs: Array<readonly [string, string]> = [];
  if (node.versionFile !== null) inputs.push(['node-version-file', node.versionFile]);
  else inputs.push(['node-version', node.version ?? 'lts/*']);
  if (node.lockfile !== null) {
    inputs.push(['cache', node.packageManager], ['cache-dependency-path', node.lockfile]);
  }
  steps.push(step('Set up Node.js', 'actions/setup-node@v4', inputs));
  return steps;
}

function pythonSteps(python: PythonToolchain): string[] {
  const inputs: Array<readonly [string, string | string[]]> = [];
  if (python.versionFile !== null) inputs.push(['python-version-file', python.versionFile]);
  else inputs.push(['python-version', python.version ?? '3.x']);
  if (python.cacheDependencyPaths.length > 0) {
    inputs.push(['cache', 'pip'], ['cache-dependency-path', [...python.cacheDependencyPaths]]);
  }
  return [step('Set up Python', 'actions/setup-python@v5', inputs)];
}

/** The workflow steps that install the toolchain, between checkout and the setup command. */
export function toolchainSteps(toolchain: ActionsToolchain): string[] {
  return [
    ...(toolchain.node ? nodeSteps(toolchain.node) : []),
    ...(toolchain.python ? pythonSteps(toolchain.python) : []),
  ];
}

/** One line per tool for the workflow's header: what was detected and from which file. */
export function describeToolchain(toolchain: ActionsToolchain): string[] {
  const lines: string[] = [];
  const { node, python } = toolchain;
  if (node) {
    const version = node.versionFile ? `version from ${node.versionFile}` : `version ${node.version}`;
    const cache = node.lockfile ? `, ${node.packageManager} cache keyed on ${node.lockfile}` : '';
    lines.push(`Node.js (${version}) with ${node.packageManager}${cache}`);
  }
  if (python) {
    const version = python.versionFile ? `version from ${python.versionFile}` : `version ${python.version}`;
    const cache =
      python.cacheDependencyPaths.length > 0
        ? `, pip cache keyed on ${python.cacheDependencyPaths.join(', ')}`
        : '';
    lines.push(`Python (${version})${cache}`);
  }
  return lines;
}
