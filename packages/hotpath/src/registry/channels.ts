import { config } from '../config.js';
import type { ChannelLogs, ChannelOptions, ChannelRow, ChannelSiteRow } from '../types.js';
import type { CallSite } from './call-site.js';
import {
  type ChannelDescription,
  ChannelStats,
  channelRow,
  foldChannel,
  showChannelSummary,
} from './channel-stats.js';
import { KindRegistry } from './kind-registry.js';
import { mergedLogs } from './site-logs.js';
import { liveFirst } from './site-order.js';
import { channelSiteRow } from './site-rows.js';
import { Sites } from './sites.js';

export const channelRegistry = new KindRegistry<ChannelStats, ChannelRow>({
  toRow: channelRow,
  stateOf: (stats) => stats.currentState(),
  fold: foldChannel,
  showSummary: showChannelSummary,
  onCollected: (stats) => stats.onCollected(),
});
const channelSites = new Sites('channel');

/**
 * Makes the stats record for one newly wrapped channel. `target` is what, once collected, ends it; the
 * options' `log` and `HOTPATH_LOGS_LIMIT` decide its logs.
 */
export function registerChannel(
  description: Omit<ChannelDescription, 'log' | 'logsLimit'>,
  options: ChannelOptions | undefined,
  callSite: CallSite | null,
  target?: object,
  variant?: string,
): ChannelStats {
  const site = channelSites.resolve(callSite, options?.label, variant);
  const stats = new ChannelStats(
    channelRegistry.allocateId(),
    site,
    site.made++,
    // Spelled out: V8 (Node 20) takes ~2 µs for a spread with properties added after it.
    {
      kind: description.kind,
      type: description.type,
      capacity: description.capacity,
      fifo: description.fifo,
      log: options?.log,
      logsLimit: config.logsLimit,
    },
    channelRegistry,
  );
  channelRegistry.add(stats, target);
  return stats;
}

export function channelLogs(id: number): ChannelLogs | null {
  const stats = channelRegistry.get(id);
  if (stats === undefined) return null;
  return {
    id,
    sentLogs: stats.sentLog?.toArray() ?? [],
    receivedLogs: stats.receivedLog?.toArray() ?? [],
  };
}

/** One row per site (label or call site), its instances aggregated. */
export function channelSiteRows(): ChannelSiteRow[] {
  return channelRegistry.siteGroups().map(channelSiteRow);
}

/** The instance rows a site still holds: live ones first, then the finished ones, newest first. */
export function channelInstanceRows(siteId: number): ChannelRow[] {
  return liveFirst(channelRegistry.heldAt(siteId)).map(channelRow);
}

/** A site's logs: its held instances' entries merged, newest last, each naming its instance. */
export function channelSiteLogs(siteId: number): ChannelLogs | null {
  const held = channelRegistry.heldAt(siteId);
  if (held.length === 0) return null;
  return {
    id: siteId,
    sentLogs: mergedLogs(held, (stats) => stats.sentLog, config.logsLimit),
    receivedLogs: mergedLogs(held, (stats) => stats.receivedLog, config.logsLimit),
  };
}
