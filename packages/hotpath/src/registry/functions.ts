import { config } from '../config.js';
import type { FunctionLogs, FunctionRow, LogOption } from '../types.js';
import type { CallSite } from './call-site.js';
import { nowMs } from './clock.js';
import { FunctionSite } from './function-site.js';
import { type Site, Sites } from './sites.js';

/** Past this many distinct block labels (say, one made from a request id) new ones share one row. */
const MAX_BLOCK_LABELS = 10_000;

/**
 * Every measured function and block, one `FunctionSite` per call site and label. Sites are found when a
 * function is wrapped; a block's by its label on each call (one map lookup), with its call site read
 * only the first time the label is seen.
 */
class FunctionRegistry {
  private readonly sites = new Sites('function');
  private readonly bySite = new Map<object, FunctionSite>();
  private readonly byId = new Map<number, FunctionSite>();
  private readonly blocks = new Map<string, FunctionSite>();
  private nextId = 1;

  /** The site of `measure(fn)` or `@measure()`: its label is the custom one or `file.ts:LINE name`. */
  function(
    callSite: CallSite | null,
    label: string | undefined,
    name: string,
    log: LogOption | undefined,
  ): FunctionSite {
    const hasCustomLabel = typeof label === 'string' && label !== '';
    const site = this.sites.resolve(callSite, label, hasCustomLabel ? '' : name);
    return this.statsFor(site, 'function', log);
  }

  /** The block labelled `label`, if it has been seen. */
  block(label: string): FunctionSite | undefined {
    return this.blocks.get(label);
  }

  /** A block label seen for the first time, at `callSite`. */
  newBlock(label: string, callSite: CallSite | null): FunctionSite {
    const site = this.sites.resolve(callSite, this.blocks.size < MAX_BLOCK_LABELS ? label : '(other blocks)');
    const stats = this.statsFor(site, 'block', undefined);
    if (this.blocks.size < MAX_BLOCK_LABELS) this.blocks.set(label, stats);
    return stats;
  }

  rows(): FunctionRow[] {
    const elapsed = nowMs();
    // As hotpath-rs orders its timing table: where the time goes first.
    return [...this.bySite.values()]
      .map((stats) => stats.toRow(elapsed, config.timeExclusive))
      .sort((a, b) => (b.totalMs ?? -1) - (a.totalMs ?? -1) || a.id - b.id);
  }

  logs(id: number): FunctionLogs | null {
    const stats = this.byId.get(id);
    return stats === undefined ? null : { id, logs: stats.logEntries() };
  }

  private statsFor(site: Site, kind: FunctionRow['kind'], log: LogOption | undefined): FunctionSite {
    let stats = this.bySite.get(site);
    if (stats === undefined) {
      stats = new FunctionSite(this.nextId++, site, kind, log, config.logsLimit);
      this.bySite.set(site, stats);
      this.byId.set(stats.id, stats);
    }
    return stats;
  }
}

export const functionRegistry = new FunctionRegistry();

export function functionRows(): FunctionRow[] {
  return functionRegistry.rows();
}

export function functionLogs(id: number): FunctionLogs | null {
  return functionRegistry.logs(id);
}
