import { describe, expect, it } from 'vitest';
import { lastCommandTakingArguments, parseShellLine } from './simple-commands.js';
import { tokenizeShell } from './tokenize-shell.js';

const words = (line: string) =>
  parseShellLine(line).commands.map((command) => command.words.map((word) => word.value));

describe('tokenizeShell', () => {
  it('keeps offsets that point at the word as written, quotes and all', () => {
    const line = `A=1 mocha 'test/**/*.spec.js' --grep "a \\"b\\"" x\\ y`;
    const tokens = tokenizeShell(line).filter((token) => token.kind === 'word');
    expect(tokens.map((token) => token.kind === 'word' && token.value)).toEqual([
      'A=1',
      'mocha',
      'test/**/*.spec.js',
      '--grep',
      'a "b"',
      'x y',
    ]);
    expect(tokens.map((token) => line.slice(token.start, token.end))).toEqual([
      'A=1',
      'mocha',
      "'test/**/*.spec.js'",
      '--grep',
      '"a \\"b\\""',
      'x\\ y',
    ]);
  });

  it('splits on && || ; | & newlines and parentheses; redirections and their targets are not words', () => {
    expect(
      words('npm run lint && (cd a || mocha) | tee log; jest 2>&1 > out.txt & echo $(date)\nvitest'),
    ).toEqual([
      ['npm', 'run', 'lint'],
      ['cd', 'a'],
      ['mocha'],
      ['tee', 'log'],
      ['jest'],
      ['echo', '$(date)'],
      ['vitest'],
    ]);
    expect(parseShellLine('A=1 B="x y" mocha').commands[0]?.assignments.map((word) => word.value)).toEqual([
      'A=1',
      'B=x y',
    ]);
  });

  it('the command appended arguments reach: the last, at top level, with nothing after it', () => {
    const last = (line: string) => lastCommandTakingArguments(parseShellLine(line))?.words[0]?.value ?? null;
    expect(last('eslint . && mocha test/')).toBe('mocha');
    expect(last('mocha test/ | tee out')).toBe('tee');
    expect(last('(cd test && mocha)')).toBeNull();
    expect(last('mocha;')).toBeNull();
    expect(last('mocha &')).toBeNull();
    expect(last('mocha # run the tests')).toBeNull();
  });
});
