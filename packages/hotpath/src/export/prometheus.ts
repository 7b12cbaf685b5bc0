/**
 * `GET /metrics`: the snapshot as Prometheus text exposition (format 0.0.4), or OpenMetrics 1.0 when the
 * scraper asks for it. One series per site (never per instance or value), at most the series limit.
 */
import type { DelayPercentiles, Snapshot } from '../types.js';
import { QUANTILES, type SiteGroups, type SiteLabels, seconds, siteGroups } from './site-groups.js';

export const PROMETHEUS_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
export const OPENMETRICS_TYPE = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

export type ExpositionFormat = 'prometheus' | 'openmetrics';

/** OpenMetrics only when the `Accept` header names it (as Prometheus's own scraper does); text otherwise. */
export function formatFor(accept: string | undefined): ExpositionFormat {
  return accept !== undefined && /application\/openmetrics-text/i.test(accept) ? 'openmetrics' : 'prometheus';
}

export function contentTypeOf(format: ExpositionFormat): string {
  return format === 'openmetrics' ? OPENMETRICS_TYPE : PROMETHEUS_TYPE;
}

/** The whole exposition for one snapshot. */
export function renderMetrics(snapshot: Snapshot, seriesLimit: number, format: ExpositionFormat): string {
  const groups = siteGroups(snapshot, seriesLimit);
  const out = new Exposition(format);
  writeChannels(out, groups);
  writeStreams(out, groups);
  writeFutures(out, groups);
  out.family(
    'hotpath_faults',
    'counter',
    'Internal faults hotpath caught instead of throwing into the program.',
  );
  out.sample('hotpath_faults_total', '', snapshot.faults);
  out.family(
    'hotpath_metrics_folded_sites',
    'gauge',
    'Sites summed into the (other) series because HOTPATH_METRICS_SERIES_LIMIT was reached.',
  );
  out.sample('hotpath_metrics_folded_sites', '', groups.foldedSites);
  return out.end();
}

function writeChannels(out: Exposition, { channels }: SiteGroups): void {
  if (channels.length === 0) return;
  const labels = channels.map(siteLabelText);
  out.family('hotpath_channel_sent', 'counter', 'Values sent into the channels of a site.');
  out.each('hotpath_channel_sent_total', labels, channels, (g) => g.sent);
  out.family('hotpath_channel_received', 'counter', 'Values received from the channels of a site.');
  out.each('hotpath_channel_received_total', labels, channels, (g) => g.received);
  out.family('hotpath_channel_queued', 'gauge', 'Values waiting in the channels of a site now.');
  out.each('hotpath_channel_queued', labels, channels, (g) => g.queued);
  out.family('hotpath_channel_capacity', 'gauge', 'Capacity of the open channels of a site, where known.');
  out.each('hotpath_channel_capacity', labels, channels, (g) => g.capacity);
  writeSummary(
    out,
    'hotpath_channel_delay_seconds',
    'Time from send to delivery: percentiles of recent samples of the slowest instance of a site.',
    labels,
    channels.map((g) => g.delay),
  );
}

function writeStreams(out: Exposition, { streams }: SiteGroups): void {
  if (streams.length === 0) return;
  out.family('hotpath_stream_items', 'counter', 'Items the streams of a site yielded.');
  for (const g of streams) out.sample('hotpath_stream_items_total', siteLabelText(g), g.items);
}

function writeFutures(out: Exposition, { futures }: SiteGroups): void {
  if (futures.length === 0) return;
  const labels = futures.map(siteLabelText);
  out.family(
    'hotpath_future_calls',
    'counter',
    'Finished calls of the futures of a site, by how they ended.',
  );
  for (const [i, g] of futures.entries()) {
    out.sample('hotpath_future_calls_total', `${labels[i]},state="resolved"`, g.resolved);
    out.sample('hotpath_future_calls_total', `${labels[i]},state="rejected"`, g.rejected);
    out.sample('hotpath_future_calls_total', `${labels[i]},state="cancelled"`, g.cancelled);
  }
  out.family('hotpath_future_pending', 'gauge', 'Calls of the futures of a site still pending now.');
  out.each('hotpath_future_pending', labels, futures, (g) => g.pending);
  writeSummary(
    out,
    'hotpath_future_duration_seconds',
    'Call durations: percentiles of recent calls of a site.',
    labels,
    futures.map((g) => g.duration),
  );
}

/** A summary family of quantiles in seconds, one set per site that has samples. */
function writeSummary(
  out: Exposition,
  name: string,
  help: string,
  labels: readonly string[],
  percentiles: readonly (DelayPercentiles | null)[],
): void {
  out.family(name, 'summary', help);
  percentiles.forEach((p, i) => {
    if (p === null) return;
    for (const { quantile, field } of QUANTILES)
      out.sample(name, `${labels[i]},quantile="${quantile}"`, seconds(p[field]));
  });
}

function siteLabelText(group: SiteLabels): string {
  return `label="${escapeLabel(group.label)}",kind="${escapeLabel(group.kind)}",site="${escapeLabel(group.site)}"`;
}

/** Label values as both formats want them: backslash, double quote and line feed escaped. */
export function escapeLabel(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === '\\' ? '\\\\' : c === '"' ? '\\"' : '\\n'));
}

/** Numbers as both formats spell them (`+Inf`, `-Inf`, `NaN` for the non-finite ones). */
export function formatNumber(value: number): string {
  if (Number.isFinite(value)) return String(value);
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? '+Inf' : '-Inf';
}

/** Accumulates lines; the two formats differ only in a counter family's name and the closing `# EOF`. */
class Exposition {
  private readonly lines: string[] = [];

  constructor(private readonly format: ExpositionFormat) {}

  /** `name` is the family name without `_total`: OpenMetrics names counter families so, 0.0.4 does not. */
  family(name: string, type: 'counter' | 'gauge' | 'summary', help: string): void {
    const familyName = type === 'counter' && this.format === 'prometheus' ? `${name}_total` : name;
    this.lines.push(`# HELP ${familyName} ${help}`, `# TYPE ${familyName} ${type}`);
  }

  sample(name: string, labels: string, value: number): void {
    this.lines.push(
      labels === '' ? `${name} ${formatNumber(value)}` : `${name}{${labels}} ${formatNumber(value)}`,
    );
  }

  /** One sample per group, labelled with `labels[i]`; a null value (nothing known) is left out. */
  each<G>(
    name: string,
    labels: readonly string[],
    groups: readonly G[],
    value: (group: G) => number | null,
  ): void {
    for (let i = 0; i < groups.length; i++) {
      const v = value(groups[i]!);
      if (v !== null) this.sample(name, labels[i]!, v);
    }
  }

  end(): string {
    if (this.format === 'openmetrics') this.lines.push('# EOF');
    return `${this.lines.join('\n')}\n`;
  }
}
