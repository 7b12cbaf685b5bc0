/**
 * `HOTPATH_AUTO=streams`: Node streams the program creates, counted like `channel(stream)` would count
 * them, with no wrapper call. Two hooks, both on Node's own functions:
 * - `EventEmitter.init` (every emitter's constructor runs it) notes where each stream was made: the
 *   first stack frame outside Node's internals. Streams Node makes on its own (accepted sockets,
 *   incoming requests) have no such frame; they are left alone (the `http` rows cover them).
 * - the first `write`/`end`/`push` of such a stream, once its constructor has finished, hands it to the
 *   Node-stream channel adapter, which from then on counts every chunk exactly as `channel()` does.
 * A stream the adapter cannot read is left as it is and counted as a fault. Finished streams fold into
 * one row per creation site (the channel registry's retention), so per-request streams cannot grow memory.
 */
import { EventEmitter } from 'node:events';
import { dirname } from 'node:path';
import { Duplex, Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { monitorChannel } from '../channels/detect.js';
import { type CallSite, OutsideSites } from '../registry/call-site.js';
import { recordFault } from '../registry/faults.js';

/** Streams made since the preload, with where they were made; deleted once adopted (or refused). */
const madeAt = new WeakMap<object, CallSite>();
/** Frames read per capture: enough to climb out of Node's stream constructors (`Readable.from` is 6 deep). */
const DEPTH = 10;
/** hotpath's own files: a stream hotpath's server makes is not the program's. */
const ownRoot = dirname(dirname(fileURLToPath(import.meta.url)));
/** Frames that are not the program's: hotpath's own, and code without a file (undici's WebAssembly parser). */
const notTheProgram = (file: string) =>
  file.includes(ownRoot) ||
  !(file.startsWith('/') || file.startsWith('file:') || /^[A-Za-z]:[\\/]/.test(file));

/** Per stream class: whether it is Node's `IncomingMessage` (asked once per class, not per stream). */
const messageBodies = new WeakMap<Function, boolean>();

/**
 * Node's parser makes a request or response body per message: its stack is all Node's own, so the
 * capture (a few µs) would find no site anyway.
 */
function isMessageBody(kind: Function | undefined): boolean {
  if (kind === undefined) return false;
  let body = messageBodies.get(kind);
  if (body === undefined) {
    body = kind.name === 'IncomingMessage';
    messageBodies.set(kind, body);
  }
  return body;
}

/** Each creation site once per stream class (same objects each time: sites are found by them). */
const byClass = new WeakMap<CallSite, Map<Function, CallSite>>();

/**
 * The site of a stream of class `kind`: the line, with the class as its variant, so that the streams of
 * a one-line `pipeline(createReadStream(a), createGzip(), createWriteStream(b))` are three rows, each
 * counting one stream's chunks, rather than one row adding up three different streams.
 */
function ofClass(site: CallSite, kind: Function | undefined): CallSite {
  const name = kind?.name;
  if (kind === undefined || !name) return site;
  let classes = byClass.get(site);
  if (classes === undefined) {
    classes = new Map();
    byClass.set(site, classes);
  }
  let found = classes.get(kind);
  if (found === undefined) {
    found = { source: site.source, label: site.label, variant: name };
    classes.set(kind, found);
  }
  return found;
}

type Init = (this: object, ...args: unknown[]) => void;
type AnyMethod = (this: object, ...args: unknown[]) => unknown;

export function instrumentStreams(onFirstRow: () => void): void {
  const emitter = EventEmitter as unknown as { init: Init };
  const init = emitter.init;
  const hook = function (this: object) {
    const self = this as { _readableState?: unknown; _writableState?: unknown; constructor?: unknown };
    if (self._readableState !== undefined || self._writableState !== undefined) {
      try {
        const kind = typeof self.constructor === 'function' ? self.constructor : undefined;
        if (!isMessageBody(kind)) {
          const site = sites.find(kind);
          if (site !== null) madeAt.set(this, ofClass(site, kind));
        }
      } catch (error) {
        recordFault(error);
      }
    }
    // biome-ignore lint/complexity/noArguments: forward exactly what the constructor passed
    return Reflect.apply(init, this, arguments);
  };
  // Per stream class, captured only as deep as that class's streams have needed (see OutsideSites).
  const sites = new OutsideSites(hook, notTheProgram, DEPTH);
  emitter.init = hook;

  const adopt = (stream: object) => {
    const site = madeAt.get(stream);
    if (site === undefined) return;
    madeAt.delete(stream);
    try {
      monitorChannel(stream, undefined, site);
      onFirstRow();
    } catch (error) {
      // Not a stream the adapter can read (a library's own look-alike): left alone, and counted.
      recordFault(error);
    }
  };
  // Duplex copies Writable's methods onto its own prototype, so both are hooked.
  for (const proto of [Writable.prototype, Duplex.prototype]) {
    hookFirstCall(proto, 'write', adopt);
    hookFirstCall(proto, 'end', adopt);
  }
  hookFirstCall(Readable.prototype, 'push', adopt);
}

/**
 * Replaces `proto[name]` with a function that adopts the stream on its first call, then calls the
 * stream's method again: once adopted, that is the adapter's counting wrapper, which calls back here and
 * reaches Node's method. A stream never adopted pays one WeakMap look-up per call.
 */
function hookFirstCall(proto: object, name: string, adopt: (stream: object) => void): void {
  const methods = proto as Record<string, AnyMethod>;
  const original = methods[name]!;
  const hooked: AnyMethod = function (this: object) {
    if (madeAt.has(this)) {
      adopt(this);
      const own = (this as Record<string, AnyMethod>)[name];
      // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
      if (own !== undefined && own !== hooked) return Reflect.apply(own, this, arguments);
    }
    // biome-ignore lint/complexity/noArguments: forward exactly what the caller passed
    return Reflect.apply(original, this, arguments);
  };
  const descriptor = Object.getOwnPropertyDescriptor(proto, name);
  Object.defineProperty(proto, name, { ...descriptor, value: hooked });
}
