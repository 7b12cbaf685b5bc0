import { PassThrough } from 'node:stream';
import type { ChannelStats } from '../registry/channel-stats.js';
import { registerChannel } from '../registry/channels.js';
import type { ChannelAdapter } from './adapter.js';
import { deriveSends, type SendsFromBuffer } from './node-stream-sends.js';
import { isObject, patch, weakly } from './patch.js';

/** The parts of Node's stream state we read; all of them exist on Node 20 and 22. */
interface ReadableState {
  objectMode: boolean;
  highWaterMark: number;
  length: number;
  buffer: { length: number };
  bufferIndex?: number;
  ended: boolean;
  destroyed: boolean;
  errored: unknown;
}

interface WritableState {
  objectMode: boolean;
  highWaterMark: number;
  length: number;
  needDrain: boolean;
  ending: boolean;
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
    const rs = isObject(stream._readableState) ? stream._readableState : null;
    const ws = isObject(stream._writableState) ? stream._writableState : null;
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
    stats.probe = probeFor(stream, rs, ws, objectMode, derived);
    let sends: SendsFromBuffer | null = null;
    if (derived) {
      const queued = weakly(stream, () => stats.probe!.queued(), null);
      sends = deriveSends(stream, stats, queued, ws === null ? 'push' : 'write', rs !== null);
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
 * A stream whose sends are derived gets an `emit` of its own making (see `countedEmit`).
 */
function countLifecycle(
  stream: NodeStream,
  stats: ChannelStats,
  receiveOn: 'data' | null,
  derived: boolean,
): void {
  patch<(...args: unknown[]) => boolean>(stream, 'emit', (emit) =>
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
    else countEnd(stats, event);
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
    else countEnd(stats, event);
    // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
    if (arguments.length === 2) return emit.call(this, event, arguments[1]);
    // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
    return emit.apply(this, arguments as never);
  };
}

/** The end states, from the stream's own `'error'`, `'close'`, `'end'` and `'finish'`. */
function countEnd(stats: ChannelStats, event: unknown): void {
  if (event === 'error') stats.onErrored();
  else if (event === 'close' && stats.state !== 'errored') stats.onClosed(true);
  else if (event === 'end' || event === 'finish') stats.onClosed(false);
}

function probeFor(
  stream: NodeStream,
  rs: ReadableState | null,
  ws: WritableState | null,
  objectMode: boolean,
  passesOn: boolean,
) {
  const held = heldTransformCallback(stream);
  // A PassThrough's write is open only while its chunk is already pushed on: held while its output sits
  // unread, or being delivered (flowing) inside the write.
  const passing = passesOn && rs !== null && ws !== null;
  const read = weakly(
    stream,
    (live) => {
      // A Transform whose output sits unread holds its input's write open: that one is counted once.
      const holding = ws?.writing === true && (passing || (held !== null && live[held] != null));
      const items =
        (rs === null ? 0 : rs.objectMode ? rs.length : rs.buffer.length - (rs.bufferIndex ?? 0)) +
        (ws === null
          ? 0
          : ws.objectMode
            ? ws.length
            : (ws.bufferedRequestCount ?? 0) + (ws.writing ? 1 : 0)) -
        (holding ? 1 : 0);
      const bytes = objectMode ? null : (rs?.length ?? 0) + (ws?.length ?? 0) - (holding ? ws!.writelen : 0);
      const full = ws !== null ? ws.needDrain : rs!.length > 0 && rs!.length >= rs!.highWaterMark;
      return { items, bytes, full };
    },
    { items: 0, bytes: objectMode ? null : 0, full: false },
  );
  return {
    queued: () => read().items,
    queuedBytes: () => read().bytes,
    full: () => read().full,
  };
}

/** Node keeps a Transform's pending write callback under a private symbol; found once, by its name. */
function heldTransformCallback(stream: NodeStream): symbol | null {
  return Object.getOwnPropertySymbols(stream).find((symbol) => symbol.description === 'kCallback') ?? null;
}
