import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuote, toShellCommand } from './shell-command.js';

const sh = (line: string): string => execFileSync('bash', ['-c', line], { encoding: 'utf8' });

describe('toShellCommand', () => {
  it('runs an argv exactly as given, quotes and dollars included, through a real shell', () => {
    const line = toShellCommand({ command: ['printf', '%s|', "it's", '$HOME', 'a b', '`x`'] });
    expect(sh(line)).toBe("it's|$HOME|a b|`x`|");
  });

  it('exports variables and enters the directory before the command', () => {
    const line = toShellCommand({
      command: 'echo "$GREETING $(basename "$PWD")"',
      cwd: 'tmp',
      env: { GREETING: "hi 'there'" },
    });
    expect(line.startsWith("export GREETING='hi '\\''there'\\''' && cd tmp && ")).toBe(true);
    expect(sh(`cd / && ${line}`)).toBe("hi 'there' tmp\n");
  });

  it('refuses bad variable names, escaping directories and empty commands', () => {
    expect(() => toShellCommand({ command: 'x', env: { 'A-B': '1' } })).toThrow(/not valid/);
    expect(() => toShellCommand({ command: 'x', cwd: '../up' })).toThrow(/relative/);
    expect(() => toShellCommand({ command: ' ' })).toThrow(/empty/);
    expect(shellQuote('plain-word_1.txt')).toBe('plain-word_1.txt');
  });
});
