/**
 * A raised lint as the engine keeps it between ticks, the pieces its messages are built from, and how
 * the snapshot lists them (per instance or per site row).
 */
import type { ChannelStats } from '../registry/channel-stats.js';
import type { FutureSite } from '../registry/future-site.js';
import type { Lint, LintKind } from '../types.js';
import type { LintName } from './names.js';

/** One raised lint, about one instance (or future row, or the loop), as of the last tick. */
export interface Raised {
  lint: LintName;
  kind: LintKind;
  /** The instance's id (channels, streams), the future row's, or 0 for the loop. */
  id: number;
  /** The site row it belongs to (channels, streams); the row itself otherwise. */
  siteId: number;
  label: string;
  siteLabel: string;
  since: number;
  /** The message, naming the row by the label it is given. */
  say(label: string): string;
}

/** Takes the lint it is given (made for it) and sets its `since`. */
export type Raise = (raised: Omit<Raised, 'since'>, since: number) => void;

export function channelHead(stats: ChannelStats, lint: LintName, say: (label: string) => string) {
  return {
    lint,
    kind: 'channel' as const,
    id: stats.id,
    siteId: stats.site.id,
    label: stats.site.labelFor(stats.ordinal),
    siteLabel: stats.site.label,
    say,
  };
}

export function futureHead(lint: LintName, site: FutureSite) {
  return {
    lint,
    kind: 'future' as const,
    id: site.id,
    siteId: site.id,
    label: site.site.label,
    siteLabel: site.site.label,
  };
}

/** `4.2 s`, `35 s`, `250 ms`. */
export function seconds(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return ms < 10_000 ? `${Number((ms / 1000).toFixed(1))} s` : `${Math.round(ms / 1000)} s`;
}

/**
 * The lints as a snapshot lists them: one per instance, or grouped per site row (`rowId` the site's id,
 * `instances` how many raise it, `since` the earliest).
 */
export function lintList(raised: readonly Raised[], by: 'site' | 'instance'): Lint[] {
  if (by === 'instance')
    return raised.map((r) => ({
      lint: r.lint,
      rowId: r.id,
      kind: r.kind,
      label: r.label,
      since: round(r.since),
      message: r.say(r.label),
    }));
  const groups = new Map<string, { first: Raised; since: number; count: number }>();
  for (const r of raised) {
    const key = `${r.lint}|${r.kind}|${r.siteId}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { first: r, since: r.since, count: 1 });
    else {
      group.count++;
      group.since = Math.min(group.since, r.since);
    }
  }
  return [...groups.values()].map(({ first, since, count }) => ({
    lint: first.lint,
    rowId: first.siteId,
    kind: first.kind,
    label: first.siteLabel,
    since: round(since),
    message: count > 1 ? `${first.say(first.siteLabel)} (${count} instances)` : first.say(first.siteLabel),
    ...(first.kind === 'channel' || first.kind === 'stream' ? { instances: count } : {}),
  }));
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
