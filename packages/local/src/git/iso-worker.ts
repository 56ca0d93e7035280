import { parentPort } from 'node:worker_threads';
import type { GitAdapter } from '@healing/adapters';
import { createIsomorphicGitInThread } from './iso-git.js';
import { type IsoRequest, type IsoResponse, serializeError } from './iso-worker-protocol.js';

// Worker entry: isomorphic-git's long synchronous stretches (index writes, hashing thousands
// of files) block this thread instead of the caller's event loop.
const adapters = new Map<string, GitAdapter>();

// isomorphic-git compresses every object through a web CompressionStream when one exists;
// in Node that costs a stream per object and halves add/commit throughput (measured in
// bench/git.bench.js). Without it, isomorphic-git uses its bundled pako. Only this worker
// thread's global is removed, before isomorphic-git is first loaded.
Reflect.deleteProperty(globalThis, 'CompressionStream');

parentPort?.on('message', async (request: IsoRequest) => {
  const key = JSON.stringify(request.options);
  let adapter = adapters.get(key);
  if (adapter === undefined) {
    adapter = createIsomorphicGitInThread(request.options);
    adapters.set(key, adapter);
  }
  let response: IsoResponse;
  try {
    const method = adapter[request.method] as (...args: readonly unknown[]) => Promise<unknown>;
    response = { id: request.id, ok: true, value: await method(...request.args) };
  } catch (error) {
    response = { id: request.id, ok: false, error: serializeError(error) };
  }
  parentPort?.postMessage(response);
});
