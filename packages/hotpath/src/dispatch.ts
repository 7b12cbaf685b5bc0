import type { CallSite } from './registry/call-site.js';
import { recordFault } from './registry/faults.js';

/** One kind of thing a wrapper (`channel()`, `stream()`) can monitor. */
export interface Adapter<O> {
  /** How the kind is named in the error that lists what the wrapper accepts; '' for a kind only refused. */
  readonly accepts: string;
  matches(target: object): boolean;
  /** Why a matching target cannot be monitored (a locked stream), for a TypeError; null when it can. */
  refuse?(target: object): string | null;
  /** Starts counting. Returns what the wrapper hands back: the target itself wherever possible. */
  monitor(target: object, options: O | undefined, callSite: CallSite | null): unknown;
}

/** The `monitored` value of a target handed back as itself. */
const ITSELF = Symbol('itself');

/**
 * Finds the adapter for a target and runs it. Bad input is the program's mistake and gets a TypeError
 * naming every accepted kind; a fault of ours hands the target back unmonitored, never an exception.
 */
export class Dispatcher<O> {
  /**
   * What each target was handed back as, so that wrapping the same object twice counts it once. A
   * target handed back as itself maps to `ITSELF`, never to itself: V8's young-generation collector
   * keeps a weak map's value alive while the map is old and the key young, so an entry whose value is
   * its own key carried every monitored object (a stream per request) into the old generation, through
   * a collection that then took ~10 ms.
   */
  private readonly monitored = new WeakMap<object, unknown>();

  /** `call` names the wrapper in errors: `channel(target)`. Adapters are tried in order. */
  constructor(
    private readonly call: string,
    private readonly adapters: readonly Adapter<O>[],
  ) {}

  monitor(target: unknown, options: O | undefined, callSite: CallSite | null): unknown {
    if ((typeof target !== 'object' && typeof target !== 'function') || target === null)
      throw this.unsupported(target);
    const previous = this.monitored.get(target);
    if (previous !== undefined) return previous === ITSELF ? target : previous;
    const adapter = this.adapters.find((candidate) => matches(candidate, target));
    if (adapter === undefined) throw this.unsupported(target);
    const refusal = adapter.refuse?.(target) ?? null;
    if (refusal !== null) throw new TypeError(`${this.call}: ${refusal}`);
    return this.monitorWith(adapter, target, options, callSite);
  }

  /** Runs one given adapter (for entry points that know the kind, like `hotpath/rxjs`). */
  monitorWith(
    adapter: Adapter<O>,
    target: object,
    options: O | undefined,
    callSite: CallSite | null,
  ): unknown {
    try {
      const result = adapter.monitor(target, options, callSite);
      this.monitored.set(target, result === target ? ITSELF : result);
      // What we handed back is already counted: monitoring it again would count everything twice.
      if (typeof result === 'object' && result !== null && result !== target) {
        this.monitored.set(result, ITSELF);
      }
      return result;
    } catch (error) {
      recordFault(error);
      return target;
    }
  }

  private unsupported(target: unknown): TypeError {
    const kinds = this.adapters
      .map((adapter) => adapter.accepts)
      .filter((kind) => kind !== '')
      .join('; ');
    return new TypeError(`${this.call}: expected one of: ${kinds}. Got ${describe(target)}.`);
  }
}

function matches<O>(adapter: Adapter<O>, target: object): boolean {
  try {
    return adapter.matches(target);
  } catch (error) {
    recordFault(error);
    return false;
  }
}

/** A short description of what the program passed, for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'no constructor'})`;
  if (typeof value === 'function') return `a function (${value.name || 'anonymous'})`;
  return `${typeof value} ${String(value).slice(0, 40)}`;
}
