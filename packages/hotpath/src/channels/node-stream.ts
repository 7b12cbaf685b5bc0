import { PassThrough } from 'node:stream';
import type { ChannelProbe, ChannelStats } from '../registry/channel-stats.js';
import { registerChannel } from '../registry/channels.js';
import { recordFault, shielded } from '../registry/faults.js';
import { piped } from '../registry/pipelines.js';
import type { ChannelAdapter } from './adapter.js';
import { deriveSends, type SendsFromBuffer } from './node-stream-sends.js';
import { isObject, patch } from './patch.js';

/** The parts of Node's stream state we read; all of them exist on Node 20 and 22. */
interface ReadableState {
  objectMode: boolean;
  highWaterMark: number;
  length: number;
  buffer: { length: number };
  bufferIndex?: number;
  ended: boolean;
  endEmitted: boolean;
  destroyed: boolean;
  errored: unknown;
}

interface WritableState {
  objectMode: boolean;
  highWaterMark: number;
  length: number;
  needDrain: boolean;
  ending: boolean;
  finished: boolean;
  destroyed: boolean;
  writing: boolean;
  writelen: number;
  bufferedRequestCount?: number;
  onwrite?: (error?: unknown) => void;
}

interface NodeStream {
  _transform?: unknown;
  _readableState?: ReadableState;
  _writableState?: WritableState;
  emit(event: string | symbol, ...args: unknown[]): boolean;
  [key: string | symbol]: unknown;
}

/**
 * Node streams are counted by patching the instance: `write`/`end` (or, for a Readable, `push`) are the
 * sends, the stream's own `'data'` emission (or a Writable's write completion) the receives. Nothing is
 * listened to, so a paused stream stays paused and an `'error'` without a listener still throws. The queue,
 * capacity and backpressure are read off the stream's own state when a row is taken.
 */
export const nodeStreamAdapter: ChannelAdapter = {
  accepts: 'a Node stream (Readable, Writable, Duplex, Transform, PassThrough)',
  matches: (target) => {
    const stream = target as NodeStream;
    return (
      typeof stream.emit === 'function' &&
      (isObject(stream._readableState) || isObject(stream._writableState))
    );
  },
  monitor(target, options, callSite) {
    const stream = target as NodeStream;
    const { rs, ws } = sidesInUse(stream);
    const objectMode = ws?.objectMode ?? rs!.objectMode;
    const capacity = (rs?.highWaterMark ?? 0) + (ws?.highWaterMark ?? 0);
    const stats = registerChannel(
      {
        kind: 'node-stream',
        type: `bounded[${capacity}]`,
        capacity,
        // Send and receive pair up one to one only where nothing transforms, merges or splits chunks.
        fifo: objectMode && (rs === null || ws === null || target instanceof PassThrough),
      },
      options,
      callSite,
      target,
    );
    const derived = sendsDerivable(stream, rs, ws, options?.log);
    const weakStream = new WeakRef(stream);
    const probe = new NodeStreamProbe(stream, weakStream, rs !== null, ws !== null, objectMode, derived);
    stats.probe = probe;
    let sends: SendsFromBuffer | null = null;
    if (derived) {
      const queued = () => probe.items();
      sends = deriveSends(stream, weakStream, stats, queued, ws === null ? 'push' : 'write', rs !== null);
    } else {
      // What is already buffered counts as sent, so that `queued` and the counts agree from the start.
      stats.sent = stats.probe.queued();
      if (ws !== null) countWrites(stream, ws, stats);
      else countPushes(stream, rs!, stats);
    }
    countLifecycle(stream, stats, rs === null ? null : 'data', derived);
    if (rs === null) countWriteCompletions(stream, ws!, stats, sends);
    // A stream that already ended before it was wrapped will emit nothing more to tell us.
    if (stream.errored != null) stats.onErrored();
    else if (stream.closed === true) stats.onClosed(true);
    return target;
  },
};

/**
 * The sides a stream carries messages on. A Duplex made one-way — `readable: false` (a socket
 * `process.stdout` writes to a pipe through) or `writable: false` (`process.stdin` on a pipe) — has
 * its other side ended from the start: it is counted as the Writable or the Readable it really is, so
 * that its receives are its sink's completed writes (or its sends its pushes), not events that never come.
 */
function sidesInUse(stream: NodeStream): { rs: ReadableState | null; ws: WritableState | null } {
  const rs = isObject(stream._readableState) ? stream._readableState : null;
  const ws = isObject(stream._writableState) ? stream._writableState : null;
  // A Transform's sides are one channel, whatever state either is in.
  if (rs === null || ws === null || typeof stream._transform === 'function') return { rs, ws };
  if (rs.endEmitted === true && rs.length === 0 && ws.finished !== true) return { rs: null, ws };
  if (ws.finished === true && ws.length === 0 && rs.endEmitted !== true) return { rs, ws: null };
  return { rs, ws };
}

/**
 * Where each message sent is, until received, in the stream's own object-mode buffers: a Readable, a
 * Writable, a PassThrough that passes chunks on as they are. There sends are derived from receives
 * and the buffers (one patched call per message); `log` wants each send as it happens.
 */
function sendsDerivable(
  stream: NodeStream,
  rs: ReadableState | null,
  ws: WritableState | null,
  log: unknown,
): boolean {
  if (log !== undefined && log !== false) return false;
  if (!(ws?.objectMode ?? true) || !(rs?.objectMode ?? true)) return false;
  if (rs === null || ws === null) return true;
  return stream instanceof PassThrough && stream._transform === PassThrough.prototype._transform;
}

function countWrites(stream: NodeStream, ws: WritableState, stats: ChannelStats): void {
  const accepts = (chunk: unknown) =>
    !ws.ending &&
    !ws.destroyed &&
    chunk !== null &&
    (ws.objectMode || typeof chunk === 'string' || chunk instanceof Uint8Array);
  patch<(...args: unknown[]) => boolean>(
    stream,
    'write',
    (write) =>
      // Node's write() reads exactly these three parameters, so passing them on is forwarding it all.
      function (this: unknown, chunk: unknown, encoding: unknown, callback: unknown) {
        if (accepts(chunk)) stats.onSent(chunk);
        return write.call(this, chunk, encoding, callback);
      },
  );
  patch<(...args: unknown[]) => unknown>(
    stream,
    'end',
    (end) =>
      function (this: unknown, chunk: unknown) {
        if (chunk !== undefined && typeof chunk !== 'function' && accepts(chunk)) stats.onSent(chunk);
        // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
        return end.apply(this, arguments as never);
      },
  );
}

function countPushes(stream: NodeStream, rs: ReadableState, stats: ChannelStats): void {
  patch<(...args: unknown[]) => boolean>(
    stream,
    'push',
    (push) =>
      function (this: unknown, chunk: unknown) {
        if (
          chunk !== null &&
          !rs.ended &&
          !rs.destroyed &&
          !rs.errored &&
          (rs.objectMode || ((typeof chunk === 'string' || chunk instanceof Uint8Array) && chunk.length > 0))
        ) {
          stats.onSent(chunk);
        }
        // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
        return push.apply(this, arguments as never);
      },
  );
}

/**
 * A Writable's receive is the completion of its sink's write. Node hands every write the same bound
 * `onwrite` callback, so replacing that one function counts completions without a closure per write.
 */
function countWriteCompletions(
  stream: NodeStream,
  ws: WritableState,
  stats: ChannelStats,
  sends: SendsFromBuffer | null,
): void {
  let batch = 1;
  if (typeof stream._writev === 'function') {
    patch<(chunks: unknown[], callback: unknown) => unknown>(
      stream,
      '_writev',
      (writev) =>
        function (this: unknown, chunks: unknown[]) {
          batch = chunks.length;
          // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
          return writev.apply(this, arguments as never);
        },
    );
  }
  const onwrite = ws.onwrite;
  if (typeof onwrite !== 'function') return;
  ws.onwrite = (error?: unknown) => {
    if (error == null) for (let i = batch; i > 0; i--) stats.onReceived();
    // A failed write drops it and what is buffered behind it: sends counted while they are still there.
    else sends?.freeze();
    batch = 1;
    return onwrite(error);
  };
}

/**
 * Receives are the stream's own `'data'` emissions (every way of consuming a Readable emits them), and
 * the end states come from its own `'error'` and `'close'`: watched by patching `emit`, never by listening.
 */
function countLifecycle(
  stream: NodeStream,
  stats: ChannelStats,
  receiveOn: 'data' | null,
  derived: boolean,
): void {
  patch<Emit>(stream, 'emit', (emit) =>
    derived ? countedEmit(emit, stats, receiveOn) : countedEmitAlso(emit, stats, receiveOn),
  );
}

type Emit = (this: unknown, event: unknown, ...args: unknown[]) => boolean;

/**
 * The counting `emit`. Two functions with the same body (`countedEmitAlso` below): streams whose
 * sends are derived and the others (logging ones among them) each have one to themselves, so that
 * the others' type feedback never reaches the derived streams' emits, which carry every message
 * (measured: +5 ns a message on a PassThrough when they shared one).
 */
function countedEmit(emit: Emit, stats: ChannelStats, receiveOn: 'data' | null): Emit {
  return function (this: unknown, event: unknown) {
    if (event === receiveOn) stats.onReceived();
    // biome-ignore lint/complexity/noArguments: the event's payload (a pipe's source), arity unchanged
    else countEnd(stats, event, this, arguments[1]);
    // `'data'` comes with exactly its chunk: a plain call spares it the `apply` path.
    // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
    if (arguments.length === 2) return emit.call(this, event, arguments[1]);
    // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
    return emit.apply(this, arguments as never);
  };
}

/** `countedEmit` again, for the streams whose sends are counted as they happen. */
function countedEmitAlso(emit: Emit, stats: ChannelStats, receiveOn: 'data' | null): Emit {
  return function (this: unknown, event: unknown) {
    if (event === receiveOn) stats.onReceived();
    // biome-ignore lint/complexity/noArguments: the event's payload (a pipe's source), arity unchanged
    else countEnd(stats, event, this, arguments[1]);
    // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
    if (arguments.length === 2) return emit.call(this, event, arguments[1]);
    // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
    return emit.apply(this, arguments as never);
  };
}

/**
 * The end states, from the stream's own `'error'`, `'close'`, `'end'` and `'finish'`; and the pipeline
 * link Node's `pipe()` (and so `pipeline()`) announces on its destination, once, as `'pipe'`.
 */
function countEnd(stats: ChannelStats, event: unknown, stream: unknown, payload: unknown): void {
  if (event === 'error') stats.onErrored();
  else if (event === 'close' && stats.state !== 'errored') stats.onClosed(true);
  else if (event === 'end' || event === 'finish') stats.onClosed(false);
  else if (event === 'pipe') shielded(() => piped(payload, stream), undefined);
}

/**
 * What a Node stream buffers now, read off its own state when a row is taken. One object per stream (a
 * stream per request makes many), holding nothing of the stream strongly, not even its state objects (a
 * Writable's state holds the stream): the stats keep the probe, and monitoring must never keep a stream
 * alive. The state is Node's internals, which a future version might change: a failed read is a recorded
 * fault and an empty, not-full stream, never an exception in the snapshot.
 */
class NodeStreamProbe implements ChannelProbe {
  private stream: WeakRef<NodeStream> | null;
  /** Whether the stream has finished (`release`): the three fields below are what it held then. */
  private released = false;
  private finalItems = 0;
  private finalBytes: number | null = null;
  private finalFull = false;
  /** Where a Transform holds its pending write callback; null for any other stream. */
  private readonly held: symbol | null;
  /**
   * A PassThrough's write is open only while its chunk is already pushed on: held while its output
   * sits unread, or being delivered (flowing) inside the write.
   */
  private readonly passing: boolean;

  constructor(
    stream: NodeStream,
    weakStream: WeakRef<NodeStream>,
    private readonly readable: boolean,
    private readonly writable: boolean,
    private readonly objectMode: boolean,
    passesOn: boolean,
  ) {
    this.stream = weakStream;
    this.held = heldTransformCallback(stream);
    this.passing = passesOn && readable && writable;
  }

  /**
   * Called once the stream has finished: its buffers no longer change, so their last state is kept and
   * the stream let go. (Even a weak reference keeps its target through V8's young collections, so a
   * finished row held for a while before it folds would carry every stream into the old generation.)
   */
  release(): void {
    this.finalItems = this.items() ?? 0;
    this.finalBytes = this.queuedBytes();
    this.finalFull = this.full();
    this.released = true;
    this.stream = null;
  }

  private live(): NodeStream | undefined {
    return this.stream?.deref();
  }

  /** Messages buffered now; null once the stream is gone. */
  items(): number | null {
    if (this.released) return this.finalItems;
    const live = this.live();
    if (live === undefined) return null;
    try {
      const rs = this.readable ? live._readableState! : null;
      const ws = this.writable ? live._writableState! : null;
      return (
        (rs === null ? 0 : rs.objectMode ? rs.length : rs.buffer.length - (rs.bufferIndex ?? 0)) +
        (ws === null
          ? 0
          : ws.objectMode
            ? ws.length
            : (ws.bufferedRequestCount ?? 0) + (ws.writing ? 1 : 0)) -
        (this.holding(live, ws) ? 1 : 0)
      );
    } catch (error) {
      recordFault(error);
      return 0;
    }
  }

  queued(): number {
    return this.items() ?? 0;
  }

  queuedBytes(): number | null {
    if (this.objectMode) return null;
    if (this.released) return this.finalBytes;
    const live = this.live();
    if (live === undefined) return 0;
    try {
      const rs = this.readable ? live._readableState! : null;
      const ws = this.writable ? live._writableState! : null;
      return (rs?.length ?? 0) + (ws?.length ?? 0) - (this.holding(live, ws) ? ws!.writelen : 0);
    } catch (error) {
      recordFault(error);
      return 0;
    }
  }

  full(): boolean {
    if (this.released) return this.finalFull;
    const live = this.live();
    if (live === undefined) return false;
    try {
      if (this.writable) return live._writableState!.needDrain;
      const rs = live._readableState!;
      return rs.length > 0 && rs.length >= rs.highWaterMark;
    } catch (error) {
      recordFault(error);
      return false;
    }
  }

  /** A Transform whose output sits unread holds its input's write open: that one is counted once. */
  private holding(live: NodeStream, ws: WritableState | null): boolean {
    return ws?.writing === true && (this.passing || (this.held !== null && live[this.held] != null));
  }
}

/** Node's own symbol for a Transform's held callback, once seen: the same on every Transform. */
let kCallback: symbol | null = null;

/** Node keeps a Transform's pending write callback under a private symbol; found by its name. */
function heldTransformCallback(stream: NodeStream): symbol | null {
  // Only a Transform has one (and has `_transform`): other streams skip listing their symbols.
  if (typeof stream._transform !== 'function') return null;
  if (kCallback !== null && Object.hasOwn(stream, kCallback)) return kCallback;
  const found =
    Object.getOwnPropertySymbols(stream).find((symbol) => symbol.description === 'kCallback') ?? null;
  if (found !== null) kCallback = found;
  return found;
}
