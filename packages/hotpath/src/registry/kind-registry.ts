import { Deque } from '../primitives/deque.js';
import type { RowIdentity } from '../types.js';
import { shielded } from './faults.js';
import { SiteOrder } from './site-order.js';
import type { Site } from './sites.js';

/** What every tracked instance (a channel, a stream) carries for the registry. */
export interface Tracked {
  readonly id: number;
  readonly site: Site;
  readonly ordinal: number;
  finished: boolean;
}

export interface KindBehaviour<E extends Tracked, R extends RowIdentity> {
  toRow(entry: E): R;
  /** The entry's state now (`active`, `full`, `closed` …), counted per site as instances fold. */
  stateOf(entry: E): string;
  /** Folds a finished entry into its site's summary row (`null` for the first one). Runs per instance: keep it cheap. */
  fold(summary: R | null, entry: E, id: number): R;
  /** The summary as the snapshot shows it; expensive derived fields (percentiles) belong here. */
  showSummary(summary: R): R;
  /** The program dropped the instance unfinished and the garbage collector took it. */
  onCollected?(entry: E): void;
}

/** One site and what the registry has of it: the summary of its folded instances, and those still held. */
export interface SiteGroup<E extends Tracked, R extends RowIdentity> {
  site: Site;
  summary: R | null;
  /** How many folded instances ended in each state. */
  foldedStates: ReadonlyMap<string, number>;
  /** Instances still held (live, or finished and not yet folded), oldest first. */
  held: E[];
}

/** What a site with no folded instances counts: nothing (shared, never written). */
const NO_STATES: ReadonlyMap<string, number> = new Map();

/** Finished instances kept as their own rows, per kind, before they fold into per-site summaries. */
export const DEFAULT_RETAINED_FINISHED = 1000;

/**
 * Holds the instances of one kind. Live instances are kept; finished ones stay visible until more than
 * `retainedFinished` have finished, then the oldest fold into one summary row per site. Totals never
 * depend on the retained window: a folded instance's counts live on in its summary.
 */
export class KindRegistry<E extends Tracked, R extends RowIdentity> {
  private nextId = 1;
  private readonly entries = new Map<number, E>();
  private readonly finishedQueue = new Deque<E>();
  private readonly summaries = new Map<Site, R>();
  private readonly foldedStates = new Map<Site, Map<string, number>>();
  private readonly order = new SiteOrder();
  private readonly collected = new FinalizationRegistry<E>((entry) =>
    shielded(() => {
      this.behaviour.onCollected?.(entry);
      this.finish(entry);
    }, undefined),
  );

  constructor(
    private readonly behaviour: KindBehaviour<E, R>,
    private readonly retainedFinished = DEFAULT_RETAINED_FINISHED,
  ) {}

  allocateId(): number {
    return this.nextId++;
  }

  add(entry: E, target?: object): void {
    this.entries.set(entry.id, entry);
    // An instance the program drops without finishing would otherwise stay "live" for ever.
    if (target !== undefined) this.collected.register(target, entry, entry);
  }

  finish(entry: E): void {
    if (entry.finished) return;
    entry.finished = true;
    this.collected.unregister(entry);
    this.finishedQueue.push(entry);
    while (this.finishedQueue.length > this.retainedFinished) this.foldOldest();
  }

  get(id: number): E | undefined {
    return this.entries.get(id);
  }

  /** Rows for the snapshot: custom labels first, then by call site; instances of a site in order. */
  rows(): R[] {
    const rows: { row: R; site: Site; ordinal: number; rank: number }[] = [];
    for (const [site, row] of this.summaries) {
      rows.push({ row: this.behaviour.showSummary(row), site, ordinal: -1, rank: 0 });
    }
    for (const entry of this.entries.values()) {
      rows.push({ row: this.behaviour.toRow(entry), site: entry.site, ordinal: entry.ordinal, rank: 0 });
    }
    // Sites are few next to rows and rarely new: rank the sites (cached), then rows by plain numbers.
    const ranks = this.order.rank(rows.map((r) => r.site));
    for (const r of rows) r.rank = ranks.get(r.site)!;
    rows.sort((a, b) => a.rank - b.rank || a.ordinal - b.ordinal || a.row.id - b.row.id);
    return rows.map((r) => r.row);
  }

  /**
   * Every site with its summary and held instances, custom labels first, then by call site. Read when
   * rows are asked for, so the hot path never aggregates.
   */
  siteGroups(): SiteGroup<E, R>[] {
    const groups = new Map<Site, SiteGroup<E, R>>();
    const groupOf = (site: Site) => {
      let group = groups.get(site);
      if (group === undefined) {
        group = { site, summary: null, foldedStates: this.foldedStates.get(site) ?? NO_STATES, held: [] };
        groups.set(site, group);
      }
      return group;
    };
    for (const [site, summary] of this.summaries) groupOf(site).summary = summary;
    for (const entry of this.entries.values()) groupOf(entry.site).held.push(entry);
    // Each site to its rank's slot: no sort at all (a scrape may read 10,000 sites).
    const ranks = this.order.rank([...groups.keys()]);
    const slots = new Array<SiteGroup<E, R>>(ranks.size);
    for (const group of groups.values()) slots[ranks.get(group.site)!] = group;
    return slots.filter((group) => group !== undefined);
  }

  /** The held instances of the site with this id, oldest first. */
  heldAt(siteId: number): E[] {
    const held: E[] = [];
    for (const entry of this.entries.values()) if (entry.site.id === siteId) held.push(entry);
    return held;
  }

  /** Every instance held (live, or finished and not yet folded); read once per history tick. */
  held(): IterableIterator<E> {
    return this.entries.values();
  }

  /** The summary row of a site's folded instances, if any have folded. */
  summaryOf(site: Site): R | undefined {
    return this.summaries.get(site);
  }

  get liveCount(): number {
    return this.entries.size;
  }

  private foldOldest(): void {
    const entry = this.finishedQueue.shift()!;
    this.entries.delete(entry.id);
    const summary = this.summaries.get(entry.site) ?? null;
    const id = summary === null ? this.allocateId() : summary.id;
    this.summaries.set(entry.site, this.behaviour.fold(summary, entry, id));
    let states = this.foldedStates.get(entry.site);
    if (states === undefined) {
      states = new Map();
      this.foldedStates.set(entry.site, states);
    }
    const state = this.behaviour.stateOf(entry);
    states.set(state, (states.get(state) ?? 0) + 1);
  }
}
