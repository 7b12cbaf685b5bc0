/**
 * Node's own WHATWG stream classes and the methods hotpath calls on them, captured once when this
 * module loads. Node's methods never consult the global object, so neither may ours: a program or
 * polyfill that replaces `globalThis.ReadableStream` (or `Promise.prototype.then`) afterwards must
 * meet the same monitored stream it would meet unwrapped. Kinds are told apart by brand (a native
 * getter that throws on anything else), not by `instanceof`, which a replaced global would change.
 */

type Getter = (target: unknown) => unknown;
export type ReadResult = { done: boolean; value?: unknown };

const bind = Function.prototype.call.bind(Function.prototype.bind) as (
  method: unknown,
  self: unknown,
) => (self: unknown, ...args: unknown[]) => unknown;

/** `method` as a plain function of its receiver: `uncurried(x, a)` is `method.call(x, a)`. */
function uncurry(method: unknown): (self: unknown, ...args: unknown[]) => unknown {
  return bind(Function.prototype.call, method);
}

function getterOf(prototype: object, key: string): Getter {
  return uncurry(Object.getOwnPropertyDescriptor(prototype, key)!.get) as Getter;
}

export const NativeReadableStream = globalThis.ReadableStream;
export const NativeWritableStream = globalThis.WritableStream;
export const NativeTransformStream = globalThis.TransformStream;

/** The prototype methods a monitored readable's own methods are compared with. */
export const nativeReadable = {
  getReader: NativeReadableStream.prototype.getReader,
  pipeTo: NativeReadableStream.prototype.pipeTo,
  pipeThrough: NativeReadableStream.prototype.pipeThrough,
  tee: NativeReadableStream.prototype.tee,
} as const;

const readableLocked = getterOf(NativeReadableStream.prototype, 'locked');
const writableLocked = getterOf(NativeWritableStream.prototype, 'locked');
const transformReadable = getterOf(NativeTransformStream.prototype, 'readable');
const signalAborted = getterOf(AbortSignal.prototype, 'aborted');

/** `promise.then(onFulfilled, onRejected)` with the `then` this module saw at load. */
export const promiseThen = uncurry(Promise.prototype.then) as <T>(
  promise: Promise<T>,
  onFulfilled: ((value: T) => unknown) | undefined,
  onRejected?: (error: unknown) => unknown,
) => Promise<unknown>;

/**
 * The own symbol under which this Node keeps a web stream's kind (`'ReadableStream'`, …), found once on
 * a stream made here; null where Node keeps it otherwise (the brand check alone then decides).
 */
function kindSymbol(sample: object, kind: string): symbol | null {
  for (const symbol of Object.getOwnPropertySymbols(sample)) {
    if ((sample as Record<symbol, unknown>)[symbol] === kind) return symbol;
  }
  return null;
}

/**
 * A first look before the brand check: Node's check reads that same symbol, so an object without it
 * fails anyway, but only after Node has built its error (a full stack capture, ~10 µs) for the getter
 * to throw. Every `stream()` of a generator and `channel()` of an emitter asks about all three kinds.
 */
function mayBe(symbol: symbol | null, kind: string, target: object): boolean {
  if (symbol === null) return true;
  try {
    return (target as Record<symbol, unknown>)[symbol] === kind;
  } catch {
    return true;
  }
}

const readableKind = kindSymbol(new NativeReadableStream(), 'ReadableStream');
const writableKind = kindSymbol(new NativeWritableStream(), 'WritableStream');
const transformKind = kindSymbol(new NativeTransformStream(), 'TransformStream');

function branded(getter: Getter, target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  try {
    getter(target);
    return true;
  } catch {
    return false;
  }
}

/** Node's own `ReadableStream` (or a subclass of it), whatever the global is now. */
export function isNativeReadable(target: unknown): target is ReadableStream<unknown> {
  return isObject(target) && mayBe(readableKind, 'ReadableStream', target) && branded(readableLocked, target);
}

export function isNativeWritable(target: unknown): target is WritableStream<unknown> {
  return isObject(target) && mayBe(writableKind, 'WritableStream', target) && branded(writableLocked, target);
}

export function isNativeTransform(target: unknown): target is TransformStream<unknown, unknown> {
  return (
    isObject(target) && mayBe(transformKind, 'TransformStream', target) && branded(transformReadable, target)
  );
}

function isObject(target: unknown): target is object {
  return typeof target === 'object' && target !== null;
}

export function isAbortSignal(target: unknown): target is AbortSignal {
  return branded(signalAborted, target);
}

/** `locked` read through Node's own getter: a subclass that overrides it does not change what we see. */
export function readableIsLocked(stream: ReadableStream<unknown>): boolean {
  return readableLocked(stream) as boolean;
}

export function writableIsLocked(stream: WritableStream<unknown>): boolean {
  return writableLocked(stream) as boolean;
}

/**
 * Something shaped like a WHATWG stream (`getReader` or `getWriter`) that is not one of Node's:
 * another implementation, such as the `web-streams-polyfill` package's classes.
 */
export function isForeignWebStream(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  if (isNativeReadable(target) || isNativeWritable(target)) return false;
  const shape = target as { getReader?: unknown; getWriter?: unknown };
  return typeof shape.getReader === 'function' || typeof shape.getWriter === 'function';
}

/** Node's `getReader`, as Node's own pipes read a stream: never through a subclass's override. */
export const getNativeReader = uncurry(NativeReadableStream.prototype.getReader) as (
  stream: ReadableStream<unknown>,
  options?: { mode: 'byob' },
) => ReadableStreamDefaultReader<unknown>;

const readerPrototype = ReadableStreamDefaultReader.prototype;
const ReadableStreamDefaultReaderPrototype = readerPrototype;
const ReadableStreamBYOBReaderPrototype = ReadableStreamBYOBReader.prototype;

/** A default reader's methods (a byte stream's default reader is one too). */
export const readerOps = {
  read: uncurry(readerPrototype.read) as (reader: unknown) => Promise<ReadResult>,
  releaseLock: uncurry(readerPrototype.releaseLock) as (reader: unknown) => void,
  cancel: uncurry(readerPrototype.cancel) as (reader: unknown, reason: unknown) => Promise<undefined>,
  closed: getterOf(readerPrototype, 'closed') as (reader: unknown) => Promise<undefined>,
  releaseBYOB: uncurry(ReadableStreamBYOBReader.prototype.releaseLock) as (reader: unknown) => void,
};

export interface ControllerOps {
  enqueue(controller: unknown, chunk: unknown): void;
  close(controller: unknown): void;
  error(controller: unknown, error: unknown): void;
  /** Answers a pending BYOB read with 0 bytes, so that it settles as `done`; a no-op without one. */
  respondDone(controller: unknown): void;
}

function controllerOps(prototype: ReadableStreamDefaultController | ReadableByteStreamController) {
  return {
    enqueue: uncurry(prototype.enqueue) as ControllerOps['enqueue'],
    close: uncurry(prototype.close) as ControllerOps['close'],
    error: uncurry(prototype.error) as ControllerOps['error'],
  };
}

const byobRequestOf = getterOf(ReadableByteStreamController.prototype, 'byobRequest');
const respond = uncurry(ReadableStreamBYOBRequest.prototype.respond);

export const defaultControllerOps: ControllerOps = {
  ...controllerOps(ReadableStreamDefaultController.prototype),
  respondDone: () => {},
};

export const byteControllerOps: ControllerOps = {
  ...controllerOps(ReadableByteStreamController.prototype),
  respondDone: (controller) => {
    const request = byobRequestOf(controller);
    if (request !== null && request !== undefined) respond(request, 0);
  },
};

const inherits = uncurry(Object.prototype.isPrototypeOf) as (prototype: object, target: unknown) => boolean;

/**
 * One of Node's readers (default or BYOB), whose `read` answers with one of Node's promises. By
 * prototype: a reader's getters answer a stranger with a rejected promise rather than a throw.
 */
export function isNativeReader(target: unknown): boolean {
  return (
    inherits(ReadableStreamDefaultReaderPrototype, target) ||
    inherits(ReadableStreamBYOBReaderPrototype, target)
  );
}
