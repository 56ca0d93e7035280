import { describe, expect, it } from 'vitest';
import { parseCommandFile } from './parse-command-file.js';

describe('parseCommandFile', () => {
  it('reads NAME=value lines and NAME<<DELIMITER blocks, later values winning', () => {
    const text = 'a=1\nmulti<<EOF\nline one\nline=two\nEOF\nb=x=y\na=2\n';
    expect(parseCommandFile(text)).toEqual({ a: '2', multi: 'line one\nline=two', b: 'x=y' });
  });

  it('ignores lines without a name', () => {
    expect(parseCommandFile('\n=orphan\nplain\n')).toEqual({});
  });
});
