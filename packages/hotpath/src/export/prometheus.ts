/**
 * `GET /metrics`: the snapshot as Prometheus text exposition (format 0.0.4), or OpenMetrics 1.0 when the
 * scraper asks for it. One series per site (never per instance or value), at most the series limit.
 */
import type { Snapshot } from '../types.js';
import { type Emit, FAMILIES, type Family, readFamily } from './families.js';
import { metricGroups } from './series-limit.js';
import type { Attributes, MetricGroups } from './site-groups.js';

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

/** The whole exposition for one snapshot of site rows (`takeSnapshot('site')`). */
export function renderMetrics(snapshot: Snapshot, seriesLimit: number, format: ExpositionFormat): string {
  return renderGroups(metricGroups(snapshot, seriesLimit), format);
}

function renderGroups(metrics: MetricGroups, format: ExpositionFormat): string {
  let text = '';
  // A site's label text is escaped once and shared by all of its families.
  const labelText = new Map<Attributes, string>();
  for (const family of FAMILIES) {
    const sample = family.type === 'counter' ? `${family.name}_total` : family.name;
    let samples = '';
    const emit: Emit = (value, at, extra) => {
      let labels = '';
      if (at !== undefined) {
        let known = labelText.get(at);
        if (known === undefined) {
          known = labelsOf(at);
          labelText.set(at, known);
        }
        labels = known;
      }
      if (extra !== undefined) labels = labels === '' ? labelsOf(extra) : `${labels},${labelsOf(extra)}`;
      samples += `${labels === '' ? sample : `${sample}{${labels}}`} ${formatNumber(value)}\n`;
    };
    readFamily(family, metrics, emit);
    if (samples !== '') text += header(family, format) + samples;
  }
  return format === 'openmetrics' ? `${text}# EOF\n` : text;
}

/** OpenMetrics names a counter family without `_total`, 0.0.4 with it. */
function header(family: Family, format: ExpositionFormat): string {
  const name = family.type === 'counter' && format === 'prometheus' ? `${family.name}_total` : family.name;
  return `# HELP ${name} ${family.help}\n# TYPE ${name} ${family.type}\n`;
}

function labelsOf(at: Attributes): string {
  let text = '';
  for (const key in at) text += `${text === '' ? '' : ','}${key}="${escapeLabel(at[key]!)}"`;
  return text;
}

/** Label values as both formats want them: backslash, double quote and line feed escaped. */
export function escapeLabel(value: string): string {
  return NEEDS_ESCAPE.test(value)
    ? value.replace(/[\\"\n]/g, (c) => (c === '\\' ? '\\\\' : c === '"' ? '\\"' : '\\n'))
    : value;
}

const NEEDS_ESCAPE = /[\\"\n]/;

/** Numbers as both formats spell them (`+Inf`, `-Inf`, `NaN` for the non-finite ones). */
export function formatNumber(value: number): string {
  if (Number.isFinite(value)) return String(value);
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? '+Inf' : '-Inf';
}
