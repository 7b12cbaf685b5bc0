import type { FutureCalls, FutureRow } from '../types.js';

/** Future rows for the snapshot. (Filled in by the futures work.) */
export function futureRows(): FutureRow[] {
  return [];
}

export function futureCalls(_id: number): FutureCalls | null {
  return null;
}
