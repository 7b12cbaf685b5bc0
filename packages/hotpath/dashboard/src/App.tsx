/**
 * The dashboard: the console's tabs and columns in a browser, live over `/events`; sortable, filterable;
 * the selected row's charts, instances and logs beside the table; the connection's state in words below.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  availableColumns,
  type ColumnDef as Column,
  compareSortValues,
  displayLabel,
} from '../../src/text/columns.js';
import { usableLints } from '../../src/text/lint-rows.js';
import type { Snapshot } from '../../src/types.js';
import { Details } from './Details.js';
import { EventFeed, type FeedState } from './feed.js';
import { History } from './history.js';
import { RuntimePanel } from './RuntimePanel.js';
import { type AnyRow, markedRowsOf, type RowTab, rowsOf } from './rows.js';
import { statusWords } from './status.js';
import { type Sort, Table } from './Table.js';
import { TokenPrompt } from './TokenPrompt.js';
import { readToken, saveToken } from './token.js';
import { WarningsPanel } from './WarningsPanel.js';

type TabId = RowTab | 'runtime' | 'warnings';

/** The console's tabs, on its keys: 1–6, and `w` for the warnings (lints). */
const TABS: { id: TabId; title: string; key: string }[] = [
  { id: 'channels', title: 'Channels', key: '1' },
  { id: 'streams', title: 'Streams', key: '2' },
  { id: 'futures', title: 'Futures', key: '3' },
  { id: 'runtime', title: 'Runtime', key: '4' },
  { id: 'functions', title: 'Functions', key: '5' },
  { id: 'gauges', title: 'Gauges', key: '6' },
  { id: 'warnings', title: 'Warnings', key: 'w' },
];

const INITIAL: FeedState = {
  phase: 'connecting',
  snapshot: null,
  problem: null,
  needsToken: false,
  receivedAt: null,
};

export function App() {
  const [feed, setFeed] = useState<FeedState>(INITIAL);
  const [token, setToken] = useState<string | null>(readToken);
  const [tab, setTab] = useState<TabId>('channels');
  const [sorts, setSorts] = useState<Partial<Record<RowTab, Sort>>>({});
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<{ tab: RowTab; id: number } | null>(null);
  const [paused, setPaused] = useState(false);
  const [shown, setShown] = useState<{ snapshot: Snapshot; at: number } | null>(null);
  const [now, setNow] = useState(Date.now());
  const [version, setVersion] = useState(0);
  const history = useMemo(() => new History(), []);
  const feedRef = useRef<EventFeed | null>(null);
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const pausedRef = useRef(paused);
  pausedRef.current = paused;
  const filterInput = useRef<HTMLInputElement>(null);

  // A layout effect: the request for the first snapshot leaves before the empty page is painted, not a
  // frame after (the first render waits on it; docs/dashboard.md has the figures).
  useLayoutEffect(() => {
    let lastSnapshot: Snapshot | null = null;
    const instance = new EventFeed((state) => {
      setFeed(state);
      if (state.snapshot !== null && state.snapshot !== lastSnapshot) {
        lastSnapshot = state.snapshot;
        history.record(state.snapshot, state.receivedAt ?? Date.now(), selectedRef.current);
        setVersion((v) => v + 1);
        if (!pausedRef.current) setShown({ snapshot: state.snapshot, at: state.receivedAt ?? Date.now() });
      }
    }, token).start();
    feedRef.current = instance;
    const clock = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      instance.close();
      clearInterval(clock);
    };
    // One feed for the page's life; a new token is handed to it (below), never a new feed.
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.ctrlKey || event.metaKey || event.altKey) return;
      const chosen = TABS.find((t) => t.key === event.key);
      if (chosen !== undefined) setTab(chosen.id);
      else if (event.key === '/') {
        event.preventDefault();
        filterInput.current?.focus();
      } else if (event.key === ' ') {
        event.preventDefault();
        setPaused((p) => !p);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const submitToken = (value: string | null) => {
    saveToken(value);
    setToken(value);
    feedRef.current?.useToken(value);
  };

  const snapshot = paused ? (shown?.snapshot ?? null) : (feed.snapshot ?? null);
  const shownAt = paused ? (shown?.at ?? null) : feed.receivedAt;
  const words = statusWords(feed, paused, shownAt, now);
  const rowTab: RowTab | null = tab === 'runtime' || tab === 'warnings' ? null : tab;
  const lints = useMemo(() => usableLints(snapshot?.lints), [snapshot]);
  const allRows = useMemo(() => (rowTab === null ? [] : markedRowsOf(snapshot, rowTab)), [snapshot, rowTab]);
  const rates = rowTab === null ? new Map<number, number>() : history.rates(rowTab);
  const columns = rowTab === null ? [] : availableColumns(rowTab, allRows);
  const sort = rowTab === null ? null : (sorts[rowTab] ?? null);
  const rows = arrange(allRows, columns, rates, filter, sort);
  const selectedRow =
    rowTab !== null && selected?.tab === rowTab ? allRows.find((row) => row.id === selected.id) : undefined;

  const onSort = (key: string) => {
    if (rowTab === null) return;
    setSorts((all) => {
      const current = all[rowTab];
      // Numbers sort biggest first on the first click; a third click gives the server's order back.
      const next: Sort | undefined =
        current?.key !== key
          ? { key, descending: key !== 'label' }
          : current.descending === (key !== 'label')
            ? { key, descending: !current.descending }
            : undefined;
      const copy = { ...all };
      if (next === undefined) delete copy[rowTab];
      else copy[rowTab] = next;
      return copy;
    });
  };

  return (
    <div class="app">
      <header>
        <h1>hotpath</h1>
        <div class="tabs" role="tablist">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              data-tab={t.id}
              aria-selected={tab === t.id}
              onClick={() => setTab(t.id)}
            >
              <kbd>{t.key}</kbd> {t.title}
              {t.id === 'warnings'
                ? snapshot !== null && (
                    <span class={lints.length > 0 ? 'count warning' : 'count'}>{lints.length}</span>
                  )
                : t.id !== 'runtime' &&
                  snapshot !== null && (
                    <span class="count">{snapshot.totals?.[t.id] ?? rowsOf(snapshot, t.id).length}</span>
                  )}
            </button>
          ))}
        </div>
        <input
          ref={filterInput}
          class="filter"
          type="search"
          placeholder="Filter labels (/)"
          aria-label="Filter rows by label"
          value={filter}
          onInput={(event) => setFilter((event.currentTarget as HTMLInputElement).value)}
        />
        <button type="button" class="pause" aria-pressed={paused} onClick={() => setPaused((p) => !p)}>
          {paused ? 'Resume' : 'Pause'}
        </button>
      </header>
      <main>
        {tab === 'warnings' ? (
          <WarningsPanel
            lints={lints}
            onShow={(target, id) => {
              setTab(target);
              setSelected({ tab: target, id });
            }}
          />
        ) : rowTab === null ? (
          <RuntimePanel snapshot={snapshot} />
        ) : (
          <>
            <Table
              columns={columns}
              rows={rows}
              rates={rates}
              selectedId={selectedRow?.id ?? null}
              sort={sort}
              onSort={onSort}
              onSelect={(id) =>
                setSelected(selected?.tab === rowTab && selected.id === id ? null : { tab: rowTab, id })
              }
            />
            {selectedRow !== undefined && (
              <Details
                tab={rowTab}
                row={selectedRow}
                columns={columns}
                history={history}
                version={version}
                token={token}
              />
            )}
          </>
        )}
      </main>
      <footer class="status" role="status" data-word={words.word}>
        <span class={`word ${words.word.toLowerCase()}`}>
          {words.symbol} {words.word}
        </span>
        <span class="detail">{words.detail}</span>
        <span class="facts">
          {facts(snapshot, rowTab, rows.length, allRows.length, sort, columns, filter, lints.length)}
        </span>
      </footer>
      {feed.needsToken && (
        <TokenPrompt hadToken={token !== null} problem={feed.problem} onSubmit={submitToken} />
      )}
    </div>
  );
}

/** The rows as listed: filtered by label, then sorted (the server's order when no column is chosen). */
function arrange(
  rows: AnyRow[],
  columns: Column[],
  rates: Map<number, number>,
  filter: string,
  sort: Sort | null,
): AnyRow[] {
  const needle = filter.trim().toLowerCase();
  const kept = needle === '' ? rows : rows.filter((row) => displayLabel(row).toLowerCase().includes(needle));
  const column = sort === null ? undefined : columns.find((c) => c.key === sort.key);
  if (column === undefined || sort === null) return kept;
  const keyed = kept.map((row) => ({ row, value: column.sortValue(row, rates) }));
  keyed.sort((a, b) => {
    // Unknowns stay last whichever way the column is sorted.
    if (a.value === null || b.value === null) return compareSortValues(a.value, b.value);
    const order = compareSortValues(a.value, b.value);
    return sort.descending ? -order : order;
  });
  return keyed.map((entry) => entry.row);
}

function facts(
  snapshot: Snapshot | null,
  tab: RowTab | null,
  shown: number,
  total: number,
  sort: Sort | null,
  columns: Column[],
  filter: string,
  warnings: number,
): string {
  if (snapshot === null) return '';
  const parts = [`pid ${snapshot.pid}`];
  if (warnings > 0) parts.push(`⚠ ${warnings} warning${warnings === 1 ? '' : 's'} (w)`);
  if (tab !== null) {
    parts.push(shown === total ? `${total} rows` : `${shown} of ${total} rows`);
    // The feed carries at most ROW_LIMIT rows per list; the server's totals say how many there are.
    const held = snapshot.totals?.[tab];
    if (held !== undefined && held > total) parts.push(`the first ${total} of ${held} listed`);
    const column = columns.find((c) => c.key === sort?.key);
    if (column !== undefined) parts.push(`sorted by ${column.header} ${sort!.descending ? '↓' : '↑'}`);
    if (filter.trim() !== '') parts.push(`filter "${filter.trim()}"`);
  }
  if (snapshot.faults > 0) parts.push(`${snapshot.faults} internal faults`);
  return parts.join(' · ');
}
