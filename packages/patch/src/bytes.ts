/** A Buffer over the same memory (no copy), so Buffer's native compare and search apply. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** git's buffer_is_binary: a NUL byte in the first 8000 bytes. */
export function isBinaryContent(bytes: Uint8Array): boolean {
  return asBuffer(bytes).subarray(0, 8000).includes(0);
}
