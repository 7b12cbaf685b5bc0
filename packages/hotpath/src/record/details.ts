/**
 * What the console's log panel shows, as a recording carries it: per tick, only the log entries that are
 * new since the tick before (by their per-instance index), and a future's recent calls when they changed.
 * Channel and stream entries go under their site's id, named by instance when the site holds several, as
 * the live console's site logs are.
 */
import { channelRegistry } from '../registry/channels.js';
import { functionLogs } from '../registry/functions.js';
import { futureCalls } from '../registry/futures.js';
import { gaugeLogs } from '../registry/gauges.js';
import type { LogRing } from '../registry/log-ring.js';
import type { Site } from '../registry/sites.js';
import { streamRegistry } from '../registry/streams.js';
import type { LogEntry, Snapshot } from '../types.js';
import type { DetailChange } from './format.js';

interface Held {
  id: number;
  site: Site;
  ordinal: number;
}

export class DetailTracker {
  /** Highest index recorded per `kind:instance:list`; only keys seen on the last tick are kept. */
  private lastIndex = new Map<string, number>();
  /** A future row's recent calls as text, to send them only when they changed. */
  private callsText = new Map<number, string>();

  /** New entries since the last call; `snapshot` names the future, function and gauge rows to read. */
  collect(snapshot: Snapshot): DetailChange[] {
    const out: DetailChange[] = [];
    const seen = new Map<string, number>();
    this.collectSites('channels', channelRegistry.siteGroups(), out, seen, (stats) => ({
      sentLogs: stats.sentLog,
      receivedLogs: stats.receivedLog,
    }));
    this.collectSites('streams', streamRegistry.siteGroups(), out, seen, (stats) => ({ logs: stats.log }));
    for (const row of snapshot.functions ?? []) {
      const logs = functionLogs(row.id)?.logs ?? [];
      this.addNew(out, seen, 'functions', row.id, `f${row.id}`, { logs }, null);
    }
    for (const row of snapshot.gauges ?? []) {
      const logs = gaugeLogs(row.id)?.logs ?? [];
      this.addNew(out, seen, 'gauges', row.id, `g${row.id}`, { logs }, null);
    }
    this.lastIndex = seen;
    const calls = new Map<number, string>();
    for (const row of snapshot.futures) {
      if (row.threadId !== undefined) continue;
      const recent = futureCalls(row.id)?.calls ?? [];
      const text = JSON.stringify(recent);
      calls.set(row.id, text);
      if (recent.length > 0 && this.callsText.get(row.id) !== text)
        out.push({ kind: 'futures', id: row.id, entries: { calls: recent } });
    }
    this.callsText = calls;
    return out;
  }

  private collectSites<E extends Held>(
    kind: string,
    groups: { site: Site; held: E[] }[],
    out: DetailChange[],
    seen: Map<string, number>,
    rings: (entry: E) => Record<string, LogRing | null>,
  ): void {
    for (const group of groups) {
      const named = group.held.length > 1;
      for (const entry of group.held) {
        const lists: Record<string, LogEntry[]> = {};
        let any = false;
        for (const [list, ring] of Object.entries(rings(entry))) {
          if (ring === null) continue;
          any = true;
          lists[list] = ring.toArray();
        }
        if (!any) continue;
        const instance = named ? entry.site.labelFor(entry.ordinal) : null;
        this.addNew(out, seen, kind, group.site.id, `${kind[0]}${entry.id}`, lists, instance);
      }
    }
  }

  /** Entries newest first, as the registry gives them; the new ones go out oldest first. */
  private addNew(
    out: DetailChange[],
    seen: Map<string, number>,
    kind: string,
    id: number,
    instanceKey: string,
    lists: Record<string, LogEntry[]>,
    instance: string | null,
  ): void {
    const entries: Record<string, unknown[]> = {};
    let any = false;
    for (const [list, logs] of Object.entries(lists)) {
      const key = `${instanceKey}:${list}`;
      const last = this.lastIndex.get(key) ?? 0;
      const fresh: LogEntry[] = [];
      for (const entry of logs) {
        if (entry.index <= last) break;
        fresh.push(instance === null ? entry : { ...entry, instance });
      }
      seen.set(key, logs.length > 0 ? Math.max(last, logs[0]!.index) : last);
      if (fresh.length > 0) {
        entries[list] = fresh.reverse();
        any = true;
      }
    }
    if (any) out.push({ kind, id, entries });
  }
}
