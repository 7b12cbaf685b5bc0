import { config } from '../config.js';
import type { ChannelLogs, ChannelOptions, ChannelRow } from '../types.js';
import type { CallSite } from './call-site.js';
import {
  type ChannelDescription,
  ChannelStats,
  channelRow,
  foldChannel,
  showChannelSummary,
} from './channel-stats.js';
import { KindRegistry } from './kind-registry.js';
import { Sites } from './sites.js';

export const channelRegistry = new KindRegistry<ChannelStats, ChannelRow>({
  toRow: channelRow,
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
    { ...description, log: options?.log, logsLimit: config.logsLimit },
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
