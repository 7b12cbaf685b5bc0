import type { PipelineLink } from '../types.js';
import type { Series } from './history.js';
import type { Site } from './sites.js';

/**
 * Which rows feed which: a pipeline is rows chained by `after` links, each pointing at the row upstream of
 * it. Links are made once, when the chaining happens (a Node `pipe()` or `pipeline()`, a WHATWG `pipeTo` or
 * `pipeThrough`, or the `after` option of a wrapper), never per message; the lint engine walks them on its
 * tick (see lints/pipeline-lint.ts).
 */
export interface Stage {
  readonly id: number;
  readonly site: Site;
  readonly ordinal: number;
  readonly kind: string;
  /** Which rows it is listed among. */
  readonly rowKind: 'channel' | 'stream';
  finished: boolean;
  history: Series | null;
  /** The row upstream of this one, once known. */
  after: Stage | null;
  /** `after: 'label'`, until a live row of that label is found (on a tick). */
  afterLabel: string | null;
  /** The last tick on which a live row downstream named this one (the engine's mark; -1: never). */
  feedsTick: number;
}

/** Each monitored object (and the parts a program may hold of it) to its row. */
const stageOf = new WeakMap<object, Stage>();
/** Objects piped into before they were monitored, to the row that feeds them. */
const pendingFedBy = new WeakMap<object, Stage>();
/** Objects named by `after:` before they were monitored, to the row they feed. */
const pendingFeeds = new WeakMap<object, Stage>();
/** The row being registered, for the wrapper that hands back an object other than its target. */
let lastRegistered: Stage | null = null;

/** Called as a row is registered for `target`: takes links found earlier, and the `after` option. */
export function noteStage(stage: Stage, target: object | undefined, after: unknown): void {
  lastRegistered = stage;
  if (target !== undefined) addPart(target, stage);
  if (typeof after === 'string') stage.afterLabel = after;
  else if (typeof after === 'object' && after !== null) {
    const upstream = stageOf.get(after);
    // An object that is not monitored yet: linked if it ever is (and is then piped or named).
    if (upstream !== undefined) linkUpstream(stage, upstream);
    else pendingFeeds.set(after, stage);
  }
}

/** A wrapper is about to register a row: what it hands back belongs to that row, if any. */
export function startRegistration(): void {
  lastRegistered = null;
}

/**
 * The object (or the parts of it) a wrapper handed back, when it is not the target it registered: a
 * `[tx, rx]` pair, so that `after:` may name the pair or either end.
 */
export function noteHandedBack(result: unknown): void {
  const stage = lastRegistered;
  lastRegistered = null;
  if (stage === null || typeof result !== 'object' || result === null) return;
  addPart(result, stage);
  if (Array.isArray(result))
    for (const part of result) if (typeof part === 'object' && part !== null) addPart(part, stage);
}

/** Marks `part` as belonging to `stage`: a stream's sides, a pair's ends. */
export function addPart(part: object, stage: Stage): void {
  if (!stageOf.has(part)) stageOf.set(part, stage);
  const upstream = pendingFedBy.get(part);
  if (upstream !== undefined) {
    pendingFedBy.delete(part);
    if (upstream !== stage) linkUpstream(stage, upstream);
  }
  const downstream = pendingFeeds.get(part);
  if (downstream !== undefined) {
    pendingFeeds.delete(part);
    // `after: x` given before x was monitored: x feeds the row that named it.
    if (downstream !== stage) linkUpstream(downstream, stage);
  }
  // A Node Readable already piped somewhere: its destinations are fed by it.
  const pipes = (part as { _readableState?: { pipes?: unknown } })._readableState?.pipes;
  if (Array.isArray(pipes)) for (const destination of pipes) piped(part, destination);
}

/** `source` was piped into `destination` (either may be monitored now, or later). */
export function piped(source: unknown, destination: unknown): void {
  if (typeof destination !== 'object' || destination === null) return;
  if (typeof source !== 'object' || source === null) return;
  const upstream = stageOf.get(source);
  if (upstream === undefined) return;
  const downstream = stageOf.get(destination);
  if (downstream === undefined) pendingFedBy.set(destination, upstream);
  else if (downstream !== upstream) linkUpstream(downstream, upstream);
}

/** The first link a row gets stays (a stream piped from two sources keeps the first). */
export function linkUpstream(downstream: Stage, upstream: Stage): void {
  if (downstream.after === null && !feeds(downstream, upstream)) downstream.after = upstream;
}

/** Whether `stage` is already upstream of `of` (a link back would make a cycle). */
function feeds(stage: Stage, of: Stage): boolean {
  let at: Stage | null = of;
  for (let depth = 0; at !== null && depth < MAX_CHAIN; depth++) {
    if (at === stage) return true;
    at = at.after;
  }
  return false;
}

/** Stages walked at most, upstream from a row. */
export const MAX_CHAIN = 32;

/**
 * A site row's `after`, in site ids: the site of the row that feeds its first live linked instance.
 * Replaces whatever `after` the row took from an instance's row (those are instance ids).
 */
export function setSiteAfter(row: { after?: PipelineLink }, held: readonly Stage[]): void {
  delete row.after;
  for (const stage of held) {
    const upstream = stage.after;
    if (stage.finished || upstream === null) continue;
    row.after = { rowId: upstream.site.id, kind: upstream.rowKind, label: upstream.site.label };
    return;
  }
}

/** The row's `after` as the snapshot shows it. */
export function afterField(stage: Stage): { after: PipelineLink } | Record<string, never> {
  const upstream = stage.after;
  if (upstream === null) return {};
  return {
    after: { rowId: upstream.id, kind: upstream.rowKind, label: upstream.site.labelFor(upstream.ordinal) },
  };
}
