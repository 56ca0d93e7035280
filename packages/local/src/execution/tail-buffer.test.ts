import { describe, expect, it } from 'vitest';
import { createTailBuffer } from './tail-buffer.js';

describe('createTailBuffer', () => {
  it('keeps everything under the limit', () => {
    const buffer = createTailBuffer(10);
    buffer.push(Buffer.from('abc'));
    buffer.push(Buffer.from('def'));
    expect(buffer.text()).toBe('abcdef');
    expect(buffer.isTruncated).toBe(false);
  });

  it('keeps only the tail past the limit, across and within chunks', () => {
    const buffer = createTailBuffer(5);
    buffer.push(Buffer.from('0123'));
    buffer.push(Buffer.from('4567'));
    expect(buffer.text()).toBe('34567');
    buffer.push(Buffer.from('abcdefghij'));
    expect(buffer.text()).toBe('fghij');
    expect(buffer.isTruncated).toBe(true);
  });

  it('drops a multi-byte character cut at the start', () => {
    const buffer = createTailBuffer(5);
    buffer.push(Buffer.from('xé日z'));
    // x, é, 日, z are 1+2+3+1 bytes: the last 5 start with é's second byte.
    expect(buffer.text()).toBe('日z');
  });

  it('keeps nothing with a zero limit but still reports truncation', () => {
    const buffer = createTailBuffer(0);
    buffer.push(Buffer.from('data'));
    expect(buffer.text()).toBe('');
    expect(buffer.isTruncated).toBe(true);
  });
});
