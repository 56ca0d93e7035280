import type { FailedTest } from '@healing/adapters';
import { createReading, firstLine, type Reading } from '../reading.js';
import type { ConsoleOutput } from './console-output.js';

const TEST_LINE = /^test (.+?) \.\.\. (ok|FAILED|ignored)\b/;
const RESULT = /^test result: \w+\. (\d+) passed; (\d+) failed; (\d+) ignored/;
/** cargo's stderr names each test binary in the order its `running N tests` blocks reach stdout. */
const TARGET = /^\s*(?:Running (?:unittests )?(\S+)|Doc-tests (\S+))/;

/**
 * libtest's console (`cargo test`, and `cargo nextest run`'s PASS/FAIL lines): each binary's
 * block is matched to the `Running src/lib.rs` line cargo printed for it on stderr, so ids are
 * `src/lib.rs > tests::adds`; doc tests already name their file.
 */
export function readCargoConsole(output: ConsoleOutput): Reading | null {
  const targets = output.stderr
    .split('\n')
    .map((line) => TARGET.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => (match[1] ? match[1] : null));
  const lines = output.stdout.split('\n');
  const failedTests: FailedTest[] = [];
  const passedTestIds: string[] = [];
  let skipped = 0;
  let unnamedPassed = 0;
  let block = -1;
  let sawResult = false;
  let namedInBlock = 0;
  const idOf = (name: string): { id: string; file: string | null } => {
    const file = block >= 0 && block < targets.length ? (targets[block] ?? null) : null;
    return { id: file === null ? name : `${file} > ${name}`, file };
  };
  lines.forEach((line, index) => {
    if (/^running \d+ tests?$/.test(line)) {
      block++;
      namedInBlock = 0;
      return;
    }
    const test = TEST_LINE.exec(line);
    if (test) {
      const name = test[1] as string;
      const { id, file } = idOf(name);
      namedInBlock++;
      if (test[2] === 'ok') passedTestIds.push(id);
      else if (test[2] === 'ignored') skipped++;
      else {
        const start = lines.indexOf(`---- ${name} stdout ----`, index);
        const body: string[] = [];
        for (let at = start + 1; start !== -1 && at < lines.length; at++) {
          const text = lines[at] as string;
          if (text.startsWith('---- ') || text === 'failures:' || text.startsWith('stack backtrace:')) break;
          body.push(text);
        }
        const output = body.join('\n').trim();
        const panic = output.split('\n').findIndex((text) => / panicked at /.test(text));
        const message =
          panic === -1
            ? firstLine(output)
            : firstLine(
                output
                  .split('\n')
                  .slice(panic + 1)
                  .join('\n'),
              );
        failedTests.push({ id, name, file, message: message || 'test failed', output });
      }
      return;
    }
    const result = RESULT.exec(line);
    if (result) {
      sawResult = true;
      const total = Number(result[1]) + Number(result[2]) + Number(result[3]);
      if (namedInBlock === 0 && total > 0) unnamedPassed += Number(result[1]);
    }
  });
  if (!sawResult && passedTestIds.length === 0 && failedTests.length === 0) return null;
  return createReading({ passedTestIds, unnamedPassed, failedTests, skipped });
}
