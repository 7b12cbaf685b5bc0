import type {
  ChannelRow,
  ChannelSiteRow,
  EventLoopStats,
  FutureRow,
  HeapStats,
  Lint,
  StreamRow,
  StreamSiteRow,
} from '../types.js';

/**
 * `BroadcastChannel` is used as the global it is, not imported: `node:worker_threads` takes ~3 ms to load,
 * which the preload's startup would pay in every program, most of which start no worker.
 *
 * Workers publish to the main thread over a BroadcastChannel with a name of hotpath's own, so the
 * program's `parentPort`, its own ports and channels never see a hotpath message.
 */
const CHANNEL_NAME = 'hotpath:worker-rows:v1';

export interface WorkerReport {
  tag: typeof CHANNEL_NAME;
  threadId: number;
  name: string;
  /** True for the last report, sent as the worker exits. */
  final: boolean;
  channels: ChannelRow[];
  streams: StreamRow[];
  futures: FutureRow[];
  /** The worker's site rows (one per label or call site), for the main thread's site views. */
  channelSites: ChannelSiteRow[];
  streamSites: StreamSiteRow[];
  faults: number;
  eventLoop: EventLoopStats;
  heap: HeapStats;
  utilizationHistory: number[];
  delayP99History: (number | null)[];
  /** The worker's own lints, per instance and per site row, with its row ids (absent from older workers). */
  lints?: Lint[];
  siteLints?: Lint[];
  /** Where the worker's `…Ms` times count from, in epoch milliseconds (see registry/clock.ts). */
  originEpochMs?: number;
}

/**
 * Worker side. The channel is opened and closed around each post: an open one would also receive every
 * other worker's reports (BroadcastChannel delivers to every instance but the sender's) for nothing.
 * A message posted before `close()` is still delivered, including from a worker's `exit` handler.
 */
export function publish(report: Omit<WorkerReport, 'tag'>): void {
  const channel = new BroadcastChannel(CHANNEL_NAME);
  try {
    channel.postMessage({ tag: CHANNEL_NAME, ...report });
  } finally {
    channel.close();
  }
}

/** Main side: hears every worker's reports without holding the process open. */
export function listen(onReport: (report: WorkerReport) => void): () => void {
  const channel = new BroadcastChannel(CHANNEL_NAME);
  channel.onmessage = (event) => {
    const data = (event as MessageEvent).data as WorkerReport | undefined;
    if (data?.tag === CHANNEL_NAME) onReport(data);
  };
  channel.unref();
  return () => channel.close();
}
