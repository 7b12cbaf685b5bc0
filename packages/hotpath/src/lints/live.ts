import { config } from '../config.js';
import { shielded } from '../registry/faults.js';
import type { Lint } from '../types.js';
import { LintEngine } from './engine.js';
import type { StallSource } from './loop-lint.js';
import { lintList } from './raised.js';

/**
 * The process's one lint engine, started with the runtime sampler (monitoring on, main thread) and
 * ticked by it: no timer of its own. Until then there are no histories and no lints.
 */
let engine: LintEngine | null = null;

export function startLints(intervalMs: number): void {
  engine ??= new LintEngine(intervalMs, config.lints);
}

export function tickLints(now: number, stalls: StallSource): void {
  if (engine !== null) shielded(() => engine!.tick(now, stalls), undefined);
}

/** The snapshot's `lints`: per site row (`by: 'site'`) or per instance. */
export function currentLints(by: 'site' | 'instance'): Lint[] {
  return engine === null ? [] : lintList(engine.current(), by);
}
