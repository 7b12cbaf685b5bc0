import type { CallSite } from './call-site.js';
import type { Series } from './history.js';

/**
 * Everything made at one call site under one label. It numbers the instances (`label`, `label-2`,
 * `label-3`, …) and is where finished instances fold once they leave the retained window.
 */
export class Site {
  /** How many instances were made here; the next one's suffix follows from it. */
  made = 0;
  /** The site's samples, summed over its live instances (taken on the runtime sampler's tick). */
  history: Series | null = null;

  constructor(
    /** The site row's id (its own numbering, apart from the instances'). */
    readonly id: number,
    readonly source: string | null,
    readonly label: string,
    readonly hasCustomLabel: boolean,
  ) {}

  /** The display label of the n-th instance (0-based). */
  labelFor(ordinal: number): string {
    return ordinal === 0 ? this.label : `${this.label}-${ordinal + 1}`;
  }
}

/** Past this many distinct sites (say, a label made from a request id) new ones share one overflow site. */
const MAX_SITES = 10_000;

export class Sites {
  private readonly byKey = new Map<string, Site>();
  /**
   * The common case (a call site, no label, no variant) by the call site itself, which call-site.ts
   * hands out once per position: no key string to build per item. Weak: a call site past that cache is
   * new each time.
   */
  private readonly byCallSite = new WeakMap<CallSite, Site>();
  private overflow: Site | null = null;
  private nextId = 1;

  constructor(private readonly fallbackLabel: string) {}

  /**
   * `variant` tells apart items that one wrap makes several of (an emitter's event names); a call site's
   * own variant (see `CallSite`) is part of that call site, so its site is still found by the call site.
   */
  resolve(callSite: CallSite | null, customLabel: string | undefined, wrapVariant = ''): Site {
    const hasCustomLabel = typeof customLabel === 'string' && customLabel !== '';
    const plain = callSite !== null && !hasCustomLabel && wrapVariant === '';
    const ownVariant = callSite?.variant ?? '';
    const variant =
      ownVariant === '' ? wrapVariant : wrapVariant === '' ? ownVariant : `${ownVariant} ${wrapVariant}`;
    if (plain) {
      const known = this.byCallSite.get(callSite);
      if (known !== undefined) return known;
    }
    const site = this.byFullKey(callSite, hasCustomLabel ? customLabel : undefined, variant);
    if (plain && site !== this.overflow) this.byCallSite.set(callSite, site);
    return site;
  }

  private byFullKey(callSite: CallSite | null, customLabel: string | undefined, variant: string): Site {
    const hasCustomLabel = customLabel !== undefined;
    const source = callSite?.source ?? null;
    const base = hasCustomLabel ? customLabel : (callSite?.label ?? this.fallbackLabel);
    const label = variant === '' ? base : `${base} ${variant}`;
    const key = `${source ?? ''}\u0000${hasCustomLabel ? customLabel : ''}\u0000${variant}`;
    let site = this.byKey.get(key);
    if (site === undefined) {
      if (this.byKey.size >= MAX_SITES) {
        this.overflow ??= new Site(this.nextId++, null, `${this.fallbackLabel} (other sites)`, false);
        return this.overflow;
      }
      site = new Site(this.nextId++, source, label, hasCustomLabel);
      this.byKey.set(key, site);
    }
    return site;
  }
}
