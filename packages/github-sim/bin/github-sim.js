#!/usr/bin/env node
// github-sim: serve a local repository through the GitHub REST API simulator until SIGINT/SIGTERM.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startGitHubSimulator } from '../dist/index.js';

const usage =
  'usage: github-sim --repo <dir> [--port 0] [--owner o --name r] [--default-branch b] [--token t] [--webhook-url URL --webhook-secret S] [--app-id N --app-public-key-file PEM [--app-slug s] --installation id:owner ...]';

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
      'app-id': { type: 'string' },
      'app-public-key-file': { type: 'string' },
      'app-slug': { type: 'string' },
      installation: { type: 'string', multiple: true },
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
if (Boolean(values['app-id']) !== Boolean(values['app-public-key-file'])) {
  console.error('github-sim: --app-id and --app-public-key-file go together');
  process.exit(2);
}
const appId = Number(values['app-id']);
if (values['app-id'] && !(Number.isInteger(appId) && appId > 0)) {
  console.error(`github-sim: --app-id must be a positive integer, got ${values['app-id']}`);
  process.exit(2);
}
// `--installation 12:acme` installs the App on every repository of acme, as installation 12.
const installations = [];
for (const spec of values.installation ?? []) {
  const match = /^(\d+):([\w.-]+)$/.exec(spec);
  if (!match || !values['app-id']) {
    console.error(`github-sim: --installation takes id:owner and needs --app-id, got ${spec}`);
    process.exit(2);
  }
  installations.push({ id: Number(match[1]), account: match[2], repositories: 'all' });
}
let app;
if (values['app-id']) {
  try {
    app = {
      id: appId,
      publicKey: readFileSync(values['app-public-key-file'], 'utf8'),
      installations,
      ...(values['app-slug'] ? { slug: values['app-slug'] } : {}),
    };
  } catch (error) {
    console.error(`github-sim: cannot read --app-public-key-file: ${error.message}`);
    process.exit(2);
  }
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
    ...(app ? { app } : {}),
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
