#!/usr/bin/env node
// github-sim: serve a local repository through the GitHub REST API simulator until SIGINT/SIGTERM.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startGitHubSimulator } from '../dist/index.js';

const usage =
  'usage: github-sim --repo <dir> [--port 0] [--owner o --name r] [--default-branch b] [--token t] [--webhook-url URL --webhook-secret S]';

let values;
try {
  ({ values } = parseArgs({
    options: {
      repo: { type: 'string' },
      port: { type: 'string', default: '0' },
      owner: { type: 'string', default: 'local' },
      name: { type: 'string' },
      'default-branch': { type: 'string' },
      token: { type: 'string' },
      'webhook-url': { type: 'string' },
      'webhook-secret': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  console.error(`github-sim: ${error.message}\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (!values.repo) {
  console.error(`github-sim: --repo is required\n${usage}`);
  process.exit(2);
}
if (Boolean(values['webhook-url']) !== Boolean(values['webhook-secret'])) {
  console.error('github-sim: --webhook-url and --webhook-secret go together');
  process.exit(2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`github-sim: --port must be 0-65535, got ${values.port}`);
  process.exit(2);
}
const seedFrom = resolve(values.repo);
const name = values.name ?? seedFrom.split('/').filter(Boolean).pop() ?? 'repo';

let simulator;
try {
  simulator = await startGitHubSimulator({
    port,
    repositories: [
      {
        owner: values.owner,
        name,
        seedFrom,
        ...(values['default-branch'] ? { defaultBranch: values['default-branch'] } : {}),
      },
    ],
    ...(values.token ? { token: values.token } : {}),
    ...(values['webhook-url']
      ? { webhook: { url: values['webhook-url'], secret: values['webhook-secret'] } }
      : {}),
  });
} catch (error) {
  console.error(`github-sim: ${error.message}`);
  process.exit(1);
}
console.log(simulator.url);
console.error(
  `github-sim: serving ${values.owner}/${name} from ${seedFrom}; bare repository at ${simulator.repositoryPath(values.owner, name)}`,
);

let isStopping = false;
async function shutdown() {
  if (isStopping) return;
  isStopping = true;
  await simulator.stop();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
