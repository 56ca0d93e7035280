import type { ConsoleOutput } from '../console/console-output.js';
import { readCargoConsole } from '../console/read-cargo-console.js';
import { readGoConsole } from '../console/read-go-console.js';
import { readJestConsole } from '../console/read-jest-console.js';
import { readMochaConsole } from '../console/read-mocha-console.js';
import { readNodeConsole } from '../console/read-node-console.js';
import { readPytestConsole } from '../console/read-pytest-console.js';
import { readVitestConsole } from '../console/read-vitest-console.js';
import type { Reading } from '../reading.js';
import type { RunnerName } from '../runner-name.js';

/** Each runner's console reader: null when the output holds nothing of that runner's. */
export const CONSOLE_READERS: Record<RunnerName, (output: ConsoleOutput) => Reading | null> = {
  mocha: readMochaConsole,
  jest: readJestConsole,
  vitest: readVitestConsole,
  node: readNodeConsole,
  pytest: readPytestConsole,
  go: readGoConsole,
  cargo: readCargoConsole,
};
