/**
 * `hotpath compare BASE HEAD`: per site, each metric's change from base to head; changes past a rule are
 * regressions, marked in the table and listed under it.
 */
import type { Snapshot } from 'hotpath';
import { type Cell, formatDurationMs, renderTable } from 'hotpath/recording';
import { escapeControl } from 'hotpath/text';
import { type Metric, percentChange, type Rule, trips } from './rules.js';
import { type SiteMetrics, siteMetrics } from './site-metrics.js';

export interface Regression {
  site: SiteMetrics;
  rule: Rule;
  base: number;
  head: number;
}

export interface SiteComparison {
  base: SiteMetrics | null;
  head: SiteMetrics | null;
  regressions: Regression[];
}

export interface Comparison {
  sites: SiteComparison[];
  regressions: Regression[];
}

/** Sites in head order, then those only in base. */
export function compareSnapshots(base: Snapshot, head: Snapshot, rules: Rule[]): Comparison {
  const before = siteMetrics(base);
  const after = siteMetrics(head);
  const keys = [...after.keys(), ...[...before.keys()].filter((key) => !after.has(key))];
  const sites = keys.map((key) => {
    const b = before.get(key) ?? null;
    const h = after.get(key) ?? null;
    const regressions: Regression[] = [];
    if (b !== null && h !== null)
      for (const rule of rules) {
        const from = b.values[rule.metric];
        const to = h.values[rule.metric];
        if (from !== undefined && to !== undefined && trips(rule, from, to))
          regressions.push({ site: h, rule, base: from, head: to });
      }
    return { base: b, head: h, regressions };
  });
  return { sites, regressions: sites.flatMap((site) => site.regressions) };
}

const SHOWN: { metric: Metric; header: string }[] = [
  { metric: 'calls', header: 'Count' },
  { metric: 'rate', header: 'Rate' },
  { metric: 'errors', header: 'Errors' },
  { metric: 'p50', header: 'p50' },
  { metric: 'p95', header: 'p95' },
  { metric: 'p99', header: 'p99' },
];

export function formatMetric(metric: Metric, value: number): string {
  if (metric === 'rate') return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)}/s`;
  if (metric === 'calls' || metric === 'errors') return String(value);
  return formatDurationMs(value);
}

function formatPercent(change: number): string {
  if (!Number.isFinite(change)) return change > 0 ? 'new' : 'gone';
  if (Math.abs(change) < 0.05) return '±0%';
  return `${change > 0 ? '+' : ''}${change.toFixed(1)}%`;
}

function cell(comparison: SiteComparison, metric: Metric, markdown: boolean): Cell {
  const from = comparison.base?.values[metric];
  const to = comparison.head?.values[metric];
  if (from === undefined && to === undefined) return { text: '-' };
  if (from === undefined) return { text: `${formatMetric(metric, to!)} (new)` };
  if (to === undefined) return { text: `${formatMetric(metric, from)} (gone)` };
  const flagged = comparison.regressions.some((r) => r.rule.metric === metric);
  const text = `${formatMetric(metric, from)} → ${formatMetric(metric, to)} (${formatPercent(percentChange(from, to))})`;
  if (!flagged) return { text };
  return markdown ? { text: `**${text}** ⚠` } : { text: `${text} ⚠`, style: 'red' };
}

/** The comparison as a table (or a Markdown table), then one line per regression. */
export function renderComparison(
  comparison: Comparison,
  options: { markdown: boolean; color: boolean; rules: Rule[]; baseName: string; headName: string },
): string {
  const { markdown } = options;
  const columns = [
    { header: 'Kind' },
    { header: 'Site' },
    ...SHOWN.map((shown) => ({ header: shown.header, align: 'right' as const })),
  ];
  const body = comparison.sites.map((site) => {
    const any = site.head ?? site.base!;
    const status = site.base === null ? ' (new)' : site.head === null ? ' (gone)' : '';
    return [
      `${any.kind}${any.timeName === null ? '' : ` (${any.timeName})`}`,
      `${any.label}${status}`,
      ...SHOWN.map((shown) => cell(site, shown.metric, markdown)),
    ];
  });
  const rules = options.rules.map((rule) => rule.text).join(', ');
  const title = markdown
    ? `### hotpath compare: ${escapeControl(options.baseName)} → ${escapeControl(options.headName)}\n`
    : `=== hotpath compare: ${escapeControl(options.baseName)} → ${escapeControl(options.headName)} ===\n`;
  const table =
    comparison.sites.length === 0
      ? 'No monitored sites in either run.'
      : renderTable(columns, body, markdown ? 'markdown' : options.color);
  const lines = comparison.regressions.map((r) => {
    const what = `${r.site.kind} ${escapeControl(r.site.label)}: ${r.rule.metric} ${formatMetric(r.rule.metric, r.base)} → ${formatMetric(r.rule.metric, r.head)} (${formatPercent(percentChange(r.base, r.head))}) trips ${r.rule.text}`;
    return markdown ? `- ⚠ ${what.replaceAll('|', '\\|')}` : `  ⚠ ${what}`;
  });
  const summary =
    lines.length === 0
      ? `No regression past ${rules}.`
      : `${lines.length} regression${lines.length === 1 ? '' : 's'} past ${rules}:\n${lines.join('\n')}`;
  return `${title}\n${table}\n\n${summary}\n`;
}
