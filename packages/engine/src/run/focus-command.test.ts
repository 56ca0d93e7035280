import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { focusCommand } from './focus-command.js';

describe('focusCommand', () => {
  it('spreads the files where an argv element is {files}', () => {
    expect(focusCommand(['npx', 'vitest', 'run', '{files}', '--bail'], ['a.test.ts', 'b c.test.ts'])).toEqual(
      ['npx', 'vitest', 'run', 'a.test.ts', 'b c.test.ts', '--bail'],
    );
  });

  it('quotes the files into a shell line so the shell passes each one whole', () => {
    const line = focusCommand("printf '%s\\n' {files}", ['plain.js', "it's here.js", '$(boom).js']);
    expect(execFileSync('/bin/sh', ['-c', line as string], { encoding: 'utf8' })).toBe(
      "plain.js\nit's here.js\n$(boom).js\n",
    );
  });
});
