// In-process monitoring for the channel tests: the test process runs with HOTPATH unset, so `channel()`
// is the identity there; these call the same detection `channel()` uses when monitoring is on.
import { monitorChannel } from '../../src/channels/detect.ts';
import { channelRegistry } from '../../src/registry/channels.ts';
import type { ChannelRow } from '../../src/types.ts';

export function watch<T>(target: T, label: string, options: { capacity?: number } = {}): T {
  return monitorChannel(target, { label, ...options }, null) as T;
}

export function rowOf(label: string): ChannelRow {
  const row = channelRegistry.rows().find((candidate) => candidate.label === label);
  if (row === undefined) throw new Error(`no channel row labelled ${label}`);
  return row;
}

export const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
