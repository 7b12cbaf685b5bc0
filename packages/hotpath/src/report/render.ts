import type { ReportFormat } from '../config.js';
import type { Section, Snapshot } from '../types.js';
import { formatRuntime } from './format.js';
import { channelsSection } from './sections/channels.js';
import { futuresSection } from './sections/futures.js';
import { runtimeSection } from './sections/runtime.js';
import { streamsSection } from './sections/streams.js';

export interface RenderOptions {
  format: ReportFormat;
  /** Sections to print; `undefined` prints every section that has rows. */
  sections: Section[] | undefined;
  color: boolean;
}

const TITLES = { channels: 'Channel', streams: 'Stream', futures: 'Future' } as const;

/** The report text, ending in a newline; empty when there is nothing to say. */
export function renderReport(snapshot: Snapshot, options: RenderOptions): string {
  const wanted = (section: Section) =>
    options.sections === undefined
      ? section !== 'functions' && snapshot[section as keyof typeof TITLES].length > 0
      : options.sections.includes(section);
  if (options.format !== 'table') {
    const filtered: Snapshot = {
      ...snapshot,
      channels: wanted('channels') ? snapshot.channels : [],
      streams: wanted('streams') ? snapshot.streams : [],
      futures: wanted('futures') ? snapshot.futures : [],
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
  const parts: string[] = [];
  for (const section of ['channels', 'streams', 'futures'] as const) {
    if (!wanted(section)) continue;
    const body =
      section === 'channels'
        ? channelsSection(snapshot.channels, options.color)
        : section === 'streams'
          ? streamsSection(snapshot.streams, options.color)
          : futuresSection(snapshot.futures, options.color);
    parts.push(`=== ${TITLES[section]} Statistics (runtime: ${runtime}) ===\n\n${body}\n`);
  }
  // After the data-flow tables, and only beside them: a report that has nothing monitored stays empty.
  if (parts.length > 0 && snapshot.runtime !== undefined && runtimeWanted(snapshot, options))
    parts.push(`=== Runtime (runtime: ${runtime}) ===\n\n${runtimeSection(snapshot.runtime)}\n`);
  if (snapshot.faults > 0)
    parts.push(`[hotpath] ${snapshot.faults} internal fault(s) were caught and ignored.\n`);
  return parts.join('\n');
}

function runtimeWanted(snapshot: Snapshot, options: RenderOptions): boolean {
  return (
    snapshot.runtime !== undefined && (options.sections === undefined || options.sections.includes('runtime'))
  );
}
