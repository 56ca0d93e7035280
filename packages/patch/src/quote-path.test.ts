import { describe, expect, it } from 'vitest';
import { quoteCStyle, unquoteCStyle } from './quote-path.js';

describe('git path quoting', () => {
  it('leaves plain names alone and quotes the rest as git does', () => {
    expect(quoteCStyle('a/b c.txt')).toBe('a/b c.txt');
    expect(quoteCStyle('tab\tname')).toBe('"tab\\tname"');
    expect(quoteCStyle('quote"d\\x')).toBe('"quote\\"d\\\\x"');
    expect(quoteCStyle('ü')).toBe('"\\303\\274"');
  });

  it('unquotes back to the same bytes and reports where the name ends', () => {
    for (const name of ['tab\tname', 'quote"d\\x', '日本/ñ.md', 'bell\u0007']) {
      const quoted = Buffer.from(`${quoteCStyle(name)} rest`);
      const result = unquoteCStyle(quoted, 0, quoted.length);
      expect(Buffer.from(result?.value ?? []).toString()).toBe(name);
      expect(quoted.toString('latin1', result?.next)).toBe(' rest');
    }
  });

  it('rejects unknown escapes, bad octal and a missing closing quote', () => {
    for (const bad of ['"a\\q"', '"a\\49"', '"open']) {
      expect(unquoteCStyle(Buffer.from(bad), 0, bad.length)).toBeNull();
    }
  });
});
