/** A clock that moves only when told, so TTL tests never sleep. */
export interface ManualClock {
  readonly now: () => number;
  advance(milliseconds: number): void;
}

export function createManualClock(start = Date.UTC(2026, 0, 1)): ManualClock {
  let current = start;
  return {
    now: () => current,
    advance(milliseconds) {
      current += milliseconds;
    },
  };
}
