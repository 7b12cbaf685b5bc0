import { NativeWritableStream } from '../streams/web-intrinsics.js';

const NativePromise = Promise;

/**
 * Node keeps a WHATWG stream's state under private symbols; they are found once, by name, on a probe
 * stream. Node 20 to 24 share this layout; where a later one does not, `channel()` records a fault and
 * hands the stream back unmonitored instead of guessing.
 */
interface WritableState {
  state: string;
  backpressure: boolean;
  controller: Record<symbol, { sizeAlgorithm?: (chunk: unknown) => number }>;
}

const probe = new NativeWritableStream();
const kState = symbolNamed(probe, 'kState');
const kIsClosedPromise = symbolNamed(probe, 'nodejs.webstream.isClosedPromise');

function symbolNamed(target: object, description: string): symbol | null {
  return Object.getOwnPropertySymbols(target).find((symbol) => symbol.description === description) ?? null;
}

export function writableState(writable: WritableStream): WritableState {
  const state = kState === null ? undefined : (writable as never as Record<symbol, WritableState>)[kState];
  if (typeof state?.controller?.[kState!] !== 'object') {
    throw new Error('hotpath: this Node version keeps a WritableStream state where hotpath cannot find it');
  }
  return state;
}

/** The controller's state, whose `sizeAlgorithm` Node calls once for every chunk written or piped in. */
export function writableController(state: WritableState): { sizeAlgorithm?: (chunk: unknown) => number } {
  return state.controller[kState!]!;
}

/**
 * The promise Node settles when a stream closes or errors (what `stream.finished` waits on), without a
 * reader or writer: watching it locks nothing. Node marks it handled, so a rejection stays quiet as before.
 */
export function closedPromise(stream: ReadableStream | WritableStream): Promise<unknown> {
  const deferred =
    kIsClosedPromise === null
      ? undefined
      : (stream as never as Record<symbol, { promise?: unknown }>)[kIsClosedPromise];
  if (!(deferred?.promise instanceof NativePromise)) {
    throw new Error("hotpath: this Node version keeps a WHATWG stream's end where hotpath cannot find it");
  }
  return deferred.promise;
}
