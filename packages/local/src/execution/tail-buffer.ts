/**
 * Keeps at most `limit` bytes of a stream: once past it, the oldest bytes are dropped, so
 * memory stays bounded however much a command prints and the tail (where errors are) survives.
 */
export interface TailBuffer {
  push(chunk: Buffer): void;
  readonly isTruncated: boolean;
  /** The kept bytes as UTF-8; a character cut in half at the start is dropped. */
  text(): string;
}

export function createTailBuffer(limit: number): TailBuffer {
  const chunks: Buffer[] = [];
  let size = 0;
  let isTruncated = false;
  return {
    push(chunk) {
      if (limit <= 0) {
        isTruncated ||= chunk.byteLength > 0;
        return;
      }
      chunks.push(chunk.byteLength > limit ? chunk.subarray(chunk.byteLength - limit) : chunk);
      size += Math.min(chunk.byteLength, limit);
      isTruncated ||= chunk.byteLength > limit;
      while (size > limit) {
        const first = chunks[0];
        if (first === undefined) break;
        const excess = size - limit;
        isTruncated = true;
        if (first.byteLength <= excess) {
          chunks.shift();
          size -= first.byteLength;
        } else {
          chunks[0] = first.subarray(excess);
          size -= excess;
        }
      }
    },
    get isTruncated() {
      return isTruncated;
    },
    text() {
      let bytes = Buffer.concat(chunks);
      if (isTruncated) {
        let start = 0;
        // UTF-8 continuation bytes (10xxxxxx) at the cut belong to a character we no longer have.
        while (start < bytes.byteLength && start < 3 && ((bytes[start] ?? 0) & 0xc0) === 0x80) start++;
        bytes = bytes.subarray(start);
      }
      return bytes.toString('utf8');
    },
  };
}
