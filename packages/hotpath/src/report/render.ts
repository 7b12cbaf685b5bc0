import type { ReportFormat } from '../config.js';
import type { Section, Snapshot } from '../types.js';
import { formatRuntime } from './format.js';
import { channelsSection } from './sections/channels.js';
import { functionsSection } from './sections/functions.js';
import { futuresSection, type PendingCalls } from './sections/futures.js';
import { gaugesSection } from './sections/gauges.js';
import { runtimeSection } from './sections/runtime.js';
import { streamsSection } from './sections/streams.js';
import { warningsSection } from './sections/warnings.js';
import type { Paint } from './table.js';

export interface RenderOptions {
  /** `markdown`: the tables as GitHub Markdown, for a pull-request comment (`hotpath report`). */
  format: ReportFormat | 'markdown';
  /** Sections to print; `undefined` prints every section that has rows. */
  sections: Section[] | undefined;
  color: boolean;
  /** The calls still pending, listed under the futures table (only the live program knows them). */
  pending?: PendingCalls;
}

const TITLES = {
  functions: 'Function Timing',
  channels: 'Channel Statistics',
  streams: 'Stream Statistics',
  futures: 'Future Statistics',
  gauges: 'Gauges and Values',
} as const;

/** The order sections print in: function timing first when there is any, as hotpath-rs does. */
const ORDER = ['functions', 'channels', 'streams', 'futures', 'gauges'] as const;

/** The report text, ending in a newline; empty when there is nothing to say. */
export function renderReport(snapshot: Snapshot, options: RenderOptions): string {
  const wanted = (section: Exclude<Section, 'runtime'>) =>
    options.sections === undefined
      ? (snapshot[section]?.length ?? 0) > 0
      : options.sections.includes(section);
  if (options.format === 'json' || options.format === 'json-pretty') {
    const filtered: Snapshot = {
      ...snapshot,
      channels: wanted('channels') ? snapshot.channels : [],
      streams: wanted('streams') ? snapshot.streams : [],
      futures: wanted('futures') ? snapshot.futures : [],
      functions: wanted('functions') ? (snapshot.functions ?? []) : [],
      gauges: wanted('gauges') ? (snapshot.gauges ?? []) : [],
      ...(snapshot.sites === undefined
        ? {}
        : {
            sites: {
              channels: wanted('channels') ? snapshot.sites.channels : [],
              streams: wanted('streams') ? snapshot.sites.streams : [],
            },
          }),
    };
    if (!runtimeWanted(snapshot, options)) delete filtered.runtime;
    return `${JSON.stringify(filtered, null, options.format === 'json-pretty' ? 2 : undefined)}\n`;
  }
  const runtime = formatRuntime(snapshot.elapsedMs);
  const markdown = options.format === 'markdown';
  const title = (name: string) =>
    markdown ? `### ${name} (runtime: ${runtime})` : `=== ${name} (runtime: ${runtime}) ===`;
  const paint = markdown ? 'markdown' : options.color;
  const parts: string[] = [];
  for (const section of ORDER) {
    if (!wanted(section)) continue;
    parts.push(`${title(TITLES[section])}\n\n${sectionBody(snapshot, section, paint, options.pending)}\n`);
  }
  // After the data-flow tables, and only beside them: a report that has nothing monitored stays empty.
  if (parts.length > 0 && (snapshot.lints?.length ?? 0) > 0)
    parts.push(`${title('Warnings')}\n\n${warningsSection(snapshot.lints!)}\n`);
  if (parts.length > 0 && snapshot.runtime !== undefined && runtimeWanted(snapshot, options)) {
    const body = runtimeSection(snapshot.runtime);
    parts.push(`${title('Runtime')}\n\n${markdown ? `\`\`\`\n${body}\n\`\`\`` : body}\n`);
  }
  if (snapshot.faults > 0)
    parts.push(`[hotpath] ${snapshot.faults} internal fault(s) were caught and ignored.\n`);
  return parts.join('\n');
}

function sectionBody(
  snapshot: Snapshot,
  section: (typeof ORDER)[number],
  color: Paint,
  pending: PendingCalls | undefined,
): string {
  switch (section) {
    case 'functions':
      return functionsSection(snapshot.functions ?? [], color);
    case 'channels':
      return channelsSection(snapshot.channels, color);
    case 'streams':
      return streamsSection(snapshot.streams, color);
    case 'futures':
      return futuresSection(snapshot.futures, color, pending);
    case 'gauges':
      return gaugesSection(snapshot.gauges ?? [], color);
  }
}

function runtimeWanted(snapshot: Snapshot, options: RenderOptions): boolean {
  return (
    snapshot.runtime !== undefined && (options.sections === undefined || options.sections.includes('runtime'))
  );
}
