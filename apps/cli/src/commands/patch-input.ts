import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/** Where `heal patch apply -` reads from; tests pass their own. */
export interface PatchStdin {
  readonly stdin?: AsyncIterable<Uint8Array | string>;
}

async function readAll(stream: AsyncIterable<Uint8Array | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** The patch bytes from a file (relative to `cwd`) or, for "-", standard input. */
export async function readPatchInput(source: string, cwd: string, io: PatchStdin): Promise<Buffer> {
  if (source === '-') return readAll(io.stdin ?? process.stdin);
  return readFile(resolve(cwd, source));
}
