/**
 * The selected row: its charts (from the page's own ring of the last minutes), the instances behind a site
 * row, and its logs (or a future's recent calls), fetched from the server while the row stays selected.
 */
import { useEffect, useState } from 'preact/hooks';
import { type ColumnDef as Column, displayLabel } from '../../src/text/columns.js';
import { formatDurationMs } from '../../src/text/numbers.js';
import type { FutureCall, LogEntry } from '../../src/types.js';
import { Chart } from './Chart.js';
import { getJson } from './feed.js';
import { type History, SERIES } from './history.js';
import { type AnyRow, hasInstanceRows, numberField, type RowTab, rowsOf } from './rows.js';

const REFRESH_MS = 2000;
const INSTANCE_LIMIT = 200;

interface DetailsProps {
  tab: RowTab;
  row: AnyRow;
  columns: Column[];
  history: History;
  /** Bumped with every snapshot, so the charts redraw. */
  version: number;
  token: string | null;
}

export function Details({ tab, row, columns, history, version, token }: DetailsProps) {
  const ring = history.ring(tab, row.id);
  const instances = numberField(row, 'instances') ?? 1;
  return (
    <aside class="details" aria-label="Selected row">
      <h2 title={displayLabel(row)}>{displayLabel(row)}</h2>
      {typeof row.source === 'string' && <p class="source">{row.source}</p>}
      <div class="charts">
        {SERIES[tab].map((series) => (
          <Chart key={`${tab}:${series.key}`} ring={ring} series={series} version={version} />
        ))}
      </div>
      {hasInstanceRows(tab) && instances > 1 && (
        <Instances tab={tab} siteId={row.id} columns={columns} token={token} />
      )}
      <Logs tab={tab} id={row.id} token={token} />
    </aside>
  );
}

/** Polls `path` while mounted (and at once when it changes). */
function usePolled<T>(path: string, token: string | null): T | null {
  const [data, setData] = useState<T | null>(null);
  useEffect(() => {
    setData(null);
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const result = await getJson<T>(path, token, controller.signal);
      if (controller.signal.aborted) return;
      if (result !== null) setData(result);
      timer = setTimeout(load, REFRESH_MS);
    };
    void load();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [path, token]);
  return data;
}

function Instances(props: {
  tab: 'channels' | 'streams';
  siteId: number;
  columns: Column[];
  token: string | null;
}) {
  const { tab, siteId, columns, token } = props;
  const page = usePolled<Record<string, unknown> & { total?: number }>(
    `${tab}?site=${siteId}&limit=${INSTANCE_LIMIT}`,
    token,
  );
  const rows = page === null ? [] : rowsOf(page as never, tab);
  // Rates and lints are the site row's: instance rows have neither.
  const shown = columns.filter((column) => column.key !== 'rate' && column.key !== 'lints');
  return (
    <section class="instances">
      <h3>Instances{page !== null && typeof page.total === 'number' ? ` (${page.total})` : ''}</h3>
      <table class="rows small">
        <thead>
          <tr>
            {shown.map((column) => (
              <th key={column.key} class={column.align}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-instance-id={row.id}>
              {shown.map((column) => (
                <td key={column.key} class={column.align} data-col={column.key}>
                  {column.text(row, new Map())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Where a row's logs are, per tab; site rows of channels and streams have their own. */
function logsPath(tab: RowTab, id: number): string {
  switch (tab) {
    case 'channels':
    case 'streams':
      return `${tab}/${id}/logs?by=site`;
    case 'futures':
      return `futures/${id}/calls`;
    default:
      return `${tab}/${id}/logs`;
  }
}

interface LogLine {
  key: string;
  what: string;
  index: string;
  atMs: number | null;
  message: string;
}

function logLines(tab: RowTab, data: Record<string, unknown> | null): LogLine[] {
  if (data === null) return [];
  const entries = (list: unknown, what: string): LogLine[] =>
    (Array.isArray(list) ? (list as LogEntry[]) : []).map((entry) => ({
      key: `${what}${entry.index}${entry.instance ?? ''}`,
      what,
      index: `#${entry.index}`,
      atMs: entry.timestampMs,
      message: entry.message ?? '(not logged)',
    }));
  if (tab === 'channels') return [...entries(data.sentLogs, 'sent'), ...entries(data.receivedLogs, 'recv')];
  if (tab === 'futures') {
    const calls = Array.isArray(data.calls) ? (data.calls as FutureCall[]) : [];
    return calls.map((call) => ({
      key: `call${call.id}`,
      what: call.state,
      index: `#${call.id}`,
      atMs: call.startedMs,
      message: `${formatDurationMs(call.durationMs)}${call.result === null ? '' : ` → ${call.result}`}`,
    }));
  }
  return entries(data.logs, tab === 'gauges' ? 'value' : 'item');
}

function Logs({ tab, id, token }: { tab: RowTab; id: number; token: string | null }) {
  const data = usePolled<Record<string, unknown>>(logsPath(tab, id), token);
  const lines = logLines(tab, data).sort((a, b) => (b.atMs ?? 0) - (a.atMs ?? 0));
  return (
    <section class="logs">
      <h3>{tab === 'futures' ? 'Recent calls' : 'Logs'}</h3>
      {data === null ? (
        <p class="empty">Loading…</p>
      ) : lines.length === 0 ? (
        <p class="empty">
          Nothing logged: pass <code>log: true</code> to record values.
        </p>
      ) : (
        <ol class="log-lines">
          {lines.map((line) => (
            <li key={line.key}>
              <span class={`what ${line.what}`}>{line.what}</span>
              <span class="index">{line.index}</span>
              <span class="at">{line.atMs === null ? '' : formatDurationMs(line.atMs)}</span>
              <span class="message">{line.message}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
