import type { FaultSpec } from '../types.js';

export interface FaultRegistry {
  add(fault: FaultSpec): () => void;
  clear(): void;
  /** Counts this request against every matching fault and returns the first one that fires on it. */
  take(method: string, route: string | null, path: string): FaultSpec | undefined;
}

function matches(fault: FaultSpec, method: string, route: string | null, path: string): boolean {
  if (fault.method !== undefined && fault.method.toUpperCase() !== method) return false;
  if (fault.route !== undefined && fault.route !== route) return false;
  if (typeof fault.path === 'string' && fault.path !== path) return false;
  if (fault.path instanceof RegExp && !fault.path.test(path)) return false;
  return true;
}

export function createFaultRegistry(): FaultRegistry {
  const faults = new Map<FaultSpec, { seen: number }>();
  return {
    add(fault) {
      faults.set(fault, { seen: 0 });
      return () => {
        faults.delete(fault);
      };
    },
    clear: () => faults.clear(),
    take(method, route, path) {
      let firing: FaultSpec | undefined;
      for (const [fault, counter] of faults) {
        if (!matches(fault, method, route, path)) continue;
        counter.seen += 1;
        const first = fault.nth ?? 1;
        const last = first + (fault.times ?? 1) - 1;
        if (firing === undefined && counter.seen >= first && counter.seen <= last) firing = fault;
      }
      return firing;
    },
  };
}
