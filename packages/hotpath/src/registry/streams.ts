import { config } from '../config.js';
import type { StreamLogs, StreamOptions, StreamRow } from '../types.js';
import type { CallSite } from './call-site.js';
import { KindRegistry } from './kind-registry.js';
import { Sites } from './sites.js';
import {
  foldStream,
  type StreamDescription,
  StreamStats,
  showStreamSummary,
  streamRow,
} from './stream-stats.js';

export const streamRegistry = new KindRegistry<StreamStats, StreamRow>({
  toRow: streamRow,
  fold: foldStream,
  showSummary: showStreamSummary,
  onCollected: (stats) => stats.onCollected(),
});
const streamSites = new Sites('stream');

/** Makes the stats record for one stream instance. `target` is what, once collected, ends it. */
export function registerStream(
  description: Omit<StreamDescription, 'log' | 'logsLimit'>,
  options: StreamOptions | undefined,
  callSite: CallSite | null,
  target?: object,
): StreamStats {
  const site = streamSites.resolve(callSite, options?.label);
  const stats = new StreamStats(
    streamRegistry.allocateId(),
    site,
    site.made++,
    { ...description, log: options?.log, logsLimit: config.logsLimit },
    streamRegistry,
  );
  streamRegistry.add(stats, target);
  return stats;
}

export function streamRows(): StreamRow[] {
  return streamRegistry.rows();
}

export function streamLogs(id: number): StreamLogs | null {
  const stats = streamRegistry.get(id);
  if (stats === undefined) return null;
  return { id, logs: stats.log?.toArray() ?? [] };
}
