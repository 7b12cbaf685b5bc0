/**
 * hotpath never throws into the program it watches. Anything that goes wrong inside it is caught where it
 * happens and counted here; the snapshot reports the count so that a fault is visible, not silent.
 */
let faults = 0;
let lastFault: string | null = null;

export function recordFault(error: unknown): void {
  faults++;
  lastFault = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export function faultCount(): number {
  return faults;
}

export function lastFaultMessage(): string | null {
  return lastFault;
}

/** Runs `work`; on a throw, counts the fault and returns `fallback` instead. */
export function shielded<T>(work: () => T, fallback: T): T {
  try {
    return work();
  } catch (error) {
    recordFault(error);
    return fallback;
  }
}
