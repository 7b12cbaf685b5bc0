import type { Site } from './sites.js';

/** Each distinct site's place in the order: custom labels first (by label, then source), then by call site. */
export function rankSites(sites: Site[]): Map<Site, number> {
  const distinct = [...new Set(sites)].sort(compareSites);
  return new Map(distinct.map((site, rank) => [site, rank]));
}

/**
 * Ranks of sites, sorted again only when a site it has not ranked appears. A site's label and source never
 * change, so a scrape of 10,000 quiet sites costs lookups, not a sort of strings.
 */
export class SiteOrder {
  private ranks = new Map<Site, number>();

  /** Ranks covering at least `sites` (maybe more: the ranks of a superset order a subset just as well). */
  rank(sites: readonly Site[]): Map<Site, number> {
    for (const site of sites) {
      if (this.ranks.has(site)) continue;
      this.ranks = rankSites([...this.ranks.keys(), ...sites]);
      break;
    }
    return this.ranks;
  }
}

export function compareSites(a: Site, b: Site): number {
  if (a.hasCustomLabel !== b.hasCustomLabel) return a.hasCustomLabel ? -1 : 1;
  return a.hasCustomLabel
    ? compareText(a.label, b.label) || compareText(a.source ?? '', b.source ?? '')
    : compareSource(a.source ?? '', b.source ?? '');
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `file.ts:9` before `file.ts:10`: compare the path as text, then the line as a number. */
function compareSource(a: string, b: string): number {
  const ai = a.lastIndexOf(':');
  const bi = b.lastIndexOf(':');
  return compareText(a.slice(0, ai), b.slice(0, bi)) || Number(a.slice(ai + 1)) - Number(b.slice(bi + 1));
}

/** A site's instances as its instance view lists them: live ones first (oldest first), then finished, newest first. */
export function liveFirst<E extends { finished: boolean }>(held: E[]): E[] {
  return [...held.filter((entry) => !entry.finished), ...held.filter((entry) => entry.finished).reverse()];
}
