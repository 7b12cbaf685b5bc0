import { config } from '../config.js';
import type { GaugeLogs, GaugeRow } from '../types.js';
import type { CallSite } from './call-site.js';
import { GaugeSite } from './gauge-site.js';

/** Past this many labels (say, one made from a request id) new ones share one row. */
const MAX_LABELS = 10_000;

/** Every gauge and `val` label, one row each, found by label on each update (one map lookup). */
class GaugeRegistry {
  private readonly byKey = new Map<string, GaugeSite>();
  private readonly byId = new Map<number, GaugeSite>();
  private overflow: Partial<Record<GaugeRow['kind'], GaugeSite>> = {};
  private nextId = 1;

  /** The row for `label`, if it has been seen. Gauges and vals of one label are two rows. */
  find(kind: GaugeRow['kind'], label: string): GaugeSite | undefined {
    return this.byKey.get(kind === 'gauge' ? label : `\u0000${label}`);
  }

  create(kind: GaugeRow['kind'], label: string, callSite: CallSite | null): GaugeSite {
    if (this.byKey.size >= MAX_LABELS) {
      let overflow = this.overflow[kind];
      if (overflow === undefined) {
        overflow = this.add(kind, `${kind} (other labels)`, null);
        this.overflow[kind] = overflow;
      }
      return overflow;
    }
    const site = this.add(kind, label, callSite?.source ?? null);
    this.byKey.set(kind === 'gauge' ? label : `\u0000${label}`, site);
    return site;
  }

  rows(): GaugeRow[] {
    return [...this.byId.values()]
      .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.id - b.id))
      .map((site) => site.toRow());
  }

  logs(id: number): GaugeLogs | null {
    const site = this.byId.get(id);
    return site === undefined ? null : { id, logs: site.logs() };
  }

  private add(kind: GaugeRow['kind'], label: string, source: string | null): GaugeSite {
    const site = new GaugeSite(this.nextId++, label, source, kind, config.logsLimit);
    this.byId.set(site.id, site);
    return site;
  }
}

export const gaugeRegistry = new GaugeRegistry();

export function gaugeRows(): GaugeRow[] {
  return gaugeRegistry.rows();
}

export function gaugeLogs(id: number): GaugeLogs | null {
  return gaugeRegistry.logs(id);
}
