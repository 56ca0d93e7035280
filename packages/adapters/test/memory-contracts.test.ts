import { createMemoryCache, createMemoryStorage } from '@healing/adapters';
import { testCacheAdapter, testStorageAdapter } from '@healing/adapters/testing';

testStorageAdapter('memory', () => createMemoryStorage());

testCacheAdapter('memory', ({ clock }) => ({ cache: createMemoryCache({ now: clock.now }) }));
