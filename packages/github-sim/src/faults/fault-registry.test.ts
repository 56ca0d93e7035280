import { describe, expect, it } from 'vitest';
import { createFaultRegistry } from './fault-registry.js';

describe('createFaultRegistry', () => {
  it('fires on the nth matching request for `times` requests, counting only matches', () => {
    const registry = createFaultRegistry();
    registry.add({ method: 'GET', route: '/r', nth: 2, times: 2, kind: 'drop' });
    const fired = [
      registry.take('GET', '/r', '/r'),
      registry.take('POST', '/r', '/r'),
      registry.take('GET', '/r', '/r'),
      registry.take('GET', '/r', '/r'),
      registry.take('GET', '/r', '/r'),
    ].map((fault) => fault?.kind ?? null);
    expect(fired).toEqual([null, null, 'drop', 'drop', null]);
  });

  it('matches paths exactly or by pattern, and removes faults', () => {
    const registry = createFaultRegistry();
    const remove = registry.add({
      path: /^\/repos\/a\//,
      kind: 'slow',
      delayMs: 1,
      times: Number.POSITIVE_INFINITY,
    });
    expect(registry.take('GET', null, '/repos/a/b')?.kind).toBe('slow');
    expect(registry.take('GET', null, '/repos/c/d')).toBeUndefined();
    remove();
    expect(registry.take('GET', null, '/repos/a/b')).toBeUndefined();
    registry.add({ path: '/x', kind: 'drop' });
    registry.clear();
    expect(registry.take('GET', null, '/x')).toBeUndefined();
  });
});
