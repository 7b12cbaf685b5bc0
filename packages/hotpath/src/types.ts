/** The public shapes: options the wrappers take and the JSON that `snapshot()` and the server return. */

export type LogOption = boolean | ((value: unknown) => string);

export interface ChannelOptions {
  /** Shown instead of the call site. */
  label?: string;
  /** Record each value: `true` formats it with `util.inspect`, a function formats it your way. */
  log?: LogOption;
  /** For primitives that do not expose their capacity. */
  capacity?: number;
}

export interface StreamOptions {
  label?: string;
  log?: LogOption;
}

export interface FutureOptions {
  label?: string;
  log?: LogOption;
  /** Aborting it first makes the call `cancelled`. */
  signal?: AbortSignal;
}

export type Section = 'channels' | 'streams' | 'futures' | 'functions';

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

export interface ChannelRow extends RowIdentity {
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
}

export interface StreamRow extends RowIdentity {
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
  calls: number;
  pending: number;
  resolved: number;
  rejected: number;
  cancelled: number;
  duration: DelayPercentiles | null;
  /** HTTP rows only: the responses by status class (a call that got no response has none). */
  statusClasses?: StatusClasses;
}

export interface LogEntry {
  /** The n-th send, receive or item, counting from 1. */
  index: number;
  /** Milliseconds since monitoring started. */
  timestampMs: number;
  message: string | null;
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
  /** Internal faults hotpath caught instead of throwing into the program. */
  faults: number;
  /**
   * Full row counts, set by the metrics server (`/snapshot`, `/events`) when `limit` may have cut the
   * lists short.
   */
  totals?: { channels: number; streams: number; futures: number };
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
