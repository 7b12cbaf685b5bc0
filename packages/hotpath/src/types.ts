/** The public shapes: options the wrappers take and the JSON that `snapshot()` and the server return. */

export type LogOption = boolean | ((value: unknown) => string);

export interface ChannelOptions {
  /** Shown instead of the call site. */
  label?: string;
  /** Record each value: `true` formats it with `util.inspect`, a function formats it your way. */
  log?: LogOption;
  /** For primitives that do not expose their capacity. */
  capacity?: number;
  /**
   * The row upstream of this one in a pipeline: another wrapped object (what `channel()` or `stream()`
   * handed back, or either end of a pair), or its label. Links made by `pipe()`, `pipeline()`, `pipeTo()`
   * and `pipeThrough()` need no option.
   */
  after?: object | string;
}

export interface StreamOptions {
  label?: string;
  log?: LogOption;
  /** As `ChannelOptions.after`. */
  after?: object | string;
}

/** A row's upstream neighbour in a pipeline, as the snapshot it comes with lists it. */
export interface PipelineLink {
  rowId: number;
  kind: 'channel' | 'stream';
  label: string;
}

export interface FutureOptions {
  label?: string;
  log?: LogOption;
  /** Aborting it first makes the call `cancelled`. */
  signal?: AbortSignal;
}

export interface MeasureOptions {
  /** Shown instead of the function's name and call site. */
  label?: string;
  /** Record each call's return value (for an async function, what it resolves to). */
  log?: LogOption;
}

export type Section = 'channels' | 'streams' | 'futures' | 'functions' | 'gauges' | 'runtime';

export interface ReportOptions {
  format?: 'table' | 'json' | 'json-pretty';
  sections?: Section[];
  /** Where the report goes; standard output by default. */
  output?: { write(chunk: string): unknown };
  /** Print the report after this many milliseconds, then exit the process (for servers that never end). */
  timeoutMs?: number;
}

export interface Guard {
  /** Prints the report (once). */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export type ChannelState = 'active' | 'full' | 'closed' | 'notified' | 'errored';
export type StreamState = 'active' | 'closed' | 'errored' | 'cancelled';
export type CallState = 'pending' | 'resolved' | 'rejected' | 'cancelled';

export interface RowIdentity {
  id: number;
  label: string;
  /** The call site (`path/file.ts:LINE`), or null when it could not be found. */
  source: string | null;
  hasCustomLabel: boolean;
  /** How many instances the row stands for: 1 for a live row, more for a folded summary row. */
  instances: number;
}

export interface DelayPercentiles {
  /** How many deliveries were timed (a sample of all of them). */
  samples: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * A live row's recent past: one sample per runtime interval (`HOTPATH_RUNTIME_INTERVAL_MS`, 1 s by
 * default), at most 120, oldest first; every list has the same length. Rates are per second over the
 * interval that ended at the sample. Finished rows carry none.
 */
export interface RowHistory {
  intervalMs: number;
  /** Channels: items buffered at each sample (a site: summed over its live instances). */
  queued?: number[];
  sentPerSecond?: number[];
  receivedPerSecond?: number[];
  /** Streams: items the consumer received. */
  yieldedPerSecond?: number[];
  /** Futures: calls started, calls settled, and calls pending at each sample. */
  callsPerSecond?: number[];
  settledPerSecond?: number[];
  pending?: number[];
}

export type LintKind = 'channel' | 'stream' | 'future' | 'runtime';

/** A warning: something that is wrong now (or, for `future-lost`, went wrong), with the row it is about. */
export interface Lint {
  /** `channel-full`, `consumer-stalled`, `queue-growing`, `future-pending`, `future-lost`, `stream-unconsumed`, `loop-blocked`, `emitter-leak`, `pipeline-bottleneck`. */
  lint: string;
  /**
   * The row it is about, as the snapshot it comes with lists it: a site row's id in a site snapshot
   * (`by: 'site'`), an instance's id otherwise; the future row's id; 0 for the event loop.
   */
  rowId: number;
  kind: LintKind;
  label: string;
  /** When the condition began, in milliseconds since monitoring started. */
  since: number;
  message: string;
  /** On a site row: how many of its instances raise it. */
  instances?: number;
  /** Set on lints a worker thread raised (about its rows or its loop), as on the rows themselves. */
  threadId?: number;
}

export interface ChannelRow extends RowIdentity {
  /** Set on rows that a worker thread published; rows of the main thread have none. */
  threadId?: number;
  /** Which primitive: `hotpath`, `node-stream`, `web-stream`, `message-port`, `event-emitter`, `push-queue`. */
  kind: string;
  type: string;
  capacity: number | null;
  state: ChannelState;
  sent: number;
  received: number;
  queued: number;
  queuedBytes: number | null;
  /** Time from acceptance into the channel to delivery, where the primitive lets us know. */
  delay: DelayPercentiles | null;
  createdMs: number;
  /** The last samples of the queue and the rates (live rows only). */
  history?: RowHistory;
  /** The row that feeds this one, where rows are chained (a pipe, a pipeline, `after:`). */
  after?: PipelineLink;
}

export interface StreamRow extends RowIdentity {
  /** Set on rows that a worker thread published; rows of the main thread have none. */
  threadId?: number;
  kind: string;
  state: StreamState;
  yielded: number;
  createdMs: number;
  /** Milliseconds from the first pull to the first item, once there is one. */
  firstItemMs: number | null;
  /** Items per second over the stream's life so far. */
  itemsPerSecond: number | null;
  /** Time the consumer spent waiting for the producer, where the primitive lets us know. */
  consumerWaitMs: number | null;
  /** Time the producer spent waiting for the consumer, where the primitive lets us know. */
  producerWaitMs: number | null;
  history?: RowHistory;
  /** The row that feeds this one, where rows are chained (a pipe, a pipeline, `after:`). */
  after?: PipelineLink;
}

/** `future`: a wrapper (`future`, `futureFn`); `http-server`/`http-client`: made by `hotpath/register`. */
export type FutureKind = 'future' | 'http-server' | 'http-client';

/** Responses counted by the first digit of their status code. */
export interface StatusClasses {
  '1xx': number;
  '2xx': number;
  '3xx': number;
  '4xx': number;
  '5xx': number;
}

export interface FutureRow extends RowIdentity {
  kind: FutureKind;
  /** Set on rows that a worker thread published; rows of the main thread have none. */
  threadId?: number;
  calls: number;
  pending: number;
  resolved: number;
  rejected: number;
  cancelled: number;
  duration: DelayPercentiles | null;
  /** Calls the garbage collector took while they were pending (they end `cancelled`). */
  lost?: number;
  history?: RowHistory;
  /** HTTP rows only: the responses by status class (a call that got no response has none). */
  statusClasses?: StatusClasses;
}

export interface FunctionRow {
  id: number;
  /** The custom label, or `file.ts:LINE name` for `measure(fn)` and `@measure()`. */
  label: string;
  source: string | null;
  hasCustomLabel: boolean;
  /** `function` for `measure` and `@measure()`, `block` for `measureBlock`. */
  kind: 'function' | 'block';
  /** Exact: every call, finished or not. */
  calls: number;
  /** Exact: calls that threw or whose promise rejected. */
  errors: number;
  /** Calls whose promise has not settled yet. */
  pending: number;
  /** Whether a call returned a promise (timed until it settled). */
  async: boolean;
  /** How many calls were timed; the durations below come from them. */
  samples: number;
  /** Estimated: the timed calls' mean times the exact call count. */
  totalMs: number | null;
  meanMs: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  /** The longest timed call. */
  maxMs: number | null;
  /** `totalMs` as a share of the time since hotpath started (above 100 when async calls overlap). */
  percentOfWall: number | null;
  /** Durations exclude time spent in nested measured calls (`HOTPATH_TIME_EXCLUSIVE=1`). */
  exclusive: boolean;
}

export interface GaugeRow {
  id: number;
  label: string;
  source: string | null;
  /** `gauge` holds a number; `val` logs any value. */
  kind: 'gauge' | 'val';
  /** Exact number of updates. */
  updates: number;
  /** The gauge's current value; for `val`, the last value when it was a number, else null. */
  value: number | null;
  /** The last value as text (for `val`, formatted like a log entry). */
  message: string | null;
  min: number | null;
  max: number | null;
  /** When the last update happened, in milliseconds since monitoring started. */
  updatedMs: number | null;
  /** The most recent numeric values, oldest first (at most `GAUGE_HISTORY`). */
  history: number[];
}

/** A named number: set it, or step it up and down; every method returns the gauge. */
export interface Gauge {
  set(value: number): Gauge;
  inc(by?: number): Gauge;
  dec(by?: number): Gauge;
}

export interface FunctionLogs {
  id: number;
  logs: LogEntry[];
}

export interface GaugeLogs {
  id: number;
  logs: LogEntry[];
}

/**
 * What a site row (one per custom label or call site, aggregating its instances) adds to the kind's row.
 * Its `id` numbers sites, not instances; `instances` counts every instance made there, folded or held;
 * the totals are exact.
 */
export interface SiteFields {
  /** Instances of the site still live (not finished). */
  active: number;
  /** How many of the site's instances are in each state, folded ones included. */
  states: Record<string, number>;
}

export type ChannelSiteRow = ChannelRow & SiteFields;
export type StreamSiteRow = StreamRow & SiteFields;

export interface LogEntry {
  /** The n-th send, receive or item, counting from 1. */
  index: number;
  /** Milliseconds since monitoring started. */
  timestampMs: number;
  message: string | null;
  /** In a site's logs (`?by=site`): the label of the instance the entry came from. */
  instance?: string;
}

export interface FutureCall {
  id: number;
  state: CallState;
  startedMs: number;
  /** How long it took, or has been pending so far. */
  durationMs: number;
  polls: number | null;
  result: string | null;
}

export interface ChannelLogs {
  id: number;
  sentLogs: LogEntry[];
  receivedLogs: LogEntry[];
}

export interface StreamLogs {
  id: number;
  logs: LogEntry[];
}

export interface FutureCalls {
  id: number;
  calls: FutureCall[];
}

export interface Snapshot {
  schemaVersion: 1;
  pid: number;
  /** Milliseconds since monitoring started. */
  elapsedMs: number;
  channels: ChannelRow[];
  streams: StreamRow[];
  futures: FutureRow[];
  /** Timed functions and blocks (`measure`, `@measure()`, `measureBlock`); absent from older servers. */
  functions?: FunctionRow[];
  /** Values the program reports (`gauge`, `val`); absent from older servers. */
  gauges?: GaugeRow[];
  /** Internal faults hotpath caught instead of throwing into the program. */
  faults: number;
  /**
   * Full row counts, set by the metrics server (`/snapshot`, `/events`) when `limit` may have cut the
   * lists short.
   */
  totals?: { channels: number; streams: number; futures: number; functions?: number; gauges?: number };
  /** The process and its threads: event loop, heap, GC, stalls. Absent until the sampler has started. */
  runtime?: RuntimeStats;
  /** `site` when `channels` and `streams` hold site rows (the server's `?by=site`), absent for instance rows. */
  by?: 'site';
  /** Site rows of channels and streams, next to the instance rows (JSON reports carry both). */
  sites?: { channels: ChannelSiteRow[]; streams: StreamSiteRow[] };
  /** What hotpath finds wrong now (see docs/lints.md); absent from older servers. */
  lints?: Lint[];
}

/** `@measure()`: a method decorator for sync and async methods, in both decorator dialects. */
export interface MeasureMethodDecorator {
  <This, F extends (this: This, ...args: any[]) => unknown>(
    method: F,
    context: ClassMethodDecoratorContext<This, F>,
  ): F;
  <F extends (...args: any[]) => unknown>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<F>,
  ): TypedPropertyDescriptor<F>;
}

export interface EventLoopStats {
  /** Event-loop delay percentiles since monitoring started; null where the thread could not be sampled. */
  delayP50Ms: number | null;
  delayP99Ms: number | null;
  delayMaxMs: number | null;
  /** Share of the last interval the loop spent running code, 0 to 1. */
  utilization: number;
}

export interface HeapStats {
  usedBytes: number;
  totalBytes: number;
  limitBytes: number;
}

export interface GcStats {
  count: number;
  totalMs: number;
  /** Count and time per kind: `minor`, `major`, `incremental`, `weakcb`. */
  byKind: Record<string, { count: number; totalMs: number }>;
}

export interface Stall {
  /** When the stall began, in milliseconds since monitoring started. */
  atMs: number;
  durationMs: number;
  /**
   * CPU time the process used (all its threads, user + system) over the interval in which the stall was
   * seen: close to `durationMs` when the program itself blocked its loop, near 0 when the OS did not run
   * it (a busy machine, a stopped process).
   */
  cpuMs?: number;
  /**
   * Time the stalled thread's loop was busy (not waiting for events; from its event-loop utilisation)
   * over the same interval: close to `durationMs` when code on it held the loop, small when the OS did
   * not run the thread while it waited.
   */
  activeMs?: number;
}

export interface ThreadStats {
  /** 0 for the main thread. */
  threadId: number;
  name: string;
  /** False once a worker has exited; its last figures stay. */
  alive: boolean;
  /** True when the worker loads hotpath and publishes its own rows. */
  monitored: boolean;
  eventLoop: EventLoopStats;
  heap?: HeapStats;
  /** Loop utilisation over the last minute, one value per sampler interval, oldest first. */
  utilizationHistory: number[];
  /** p99 loop delay over the last minute, one value per sampler interval (null where unknown). */
  delayP99History: (number | null)[];
}

export interface RuntimeStats {
  intervalMs: number;
  eventLoop: EventLoopStats;
  heap: HeapStats;
  rssBytes: number;
  externalBytes: number;
  arrayBuffersBytes: number;
  gc: GcStats;
  /** Event-loop stalls of 100 ms or more, the most recent last (bounded). */
  stalls: Stall[];
  /** Stalls seen in all, including those the bounded list has let go. */
  stallCount: number;
  /** What keeps the main thread's loop alive, by type (`process.getActiveResourcesInfo()`). */
  activeResources: Record<string, number>;
  threads: ThreadStats[];
}

/**
 * What `futureFn(options?)` returns: a method decorator for TypeScript's standard decorators and for
 * `experimentalDecorators` alike.
 */
export interface FutureMethodDecorator {
  <This, F extends (this: This, ...args: any[]) => PromiseLike<unknown>>(
    method: F,
    context: ClassMethodDecoratorContext<This, F>,
  ): F;
  <F extends (...args: any[]) => PromiseLike<unknown>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<F>,
  ): TypedPropertyDescriptor<F>;
}
