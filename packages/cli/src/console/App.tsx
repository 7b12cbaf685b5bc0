/**
 * The console: tab bar, status line, the table of the current tab (with the logs panel beside it, or the
 * inspect popup over it), and a help line. Everything shown comes from one `DataSource`.
 */

import type { Snapshot } from 'hotpath';
import { Box, useApp, useInput } from 'ink';
import { useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { DataSource } from '../client/feed.js';
import { availableColumns, layoutColumns } from './columns.js';
import { type Detail, readDetail } from './details.js';
import { FilterLine, HelpBar } from './HelpBar.js';
import { useDetail, useNow, useTerminalSize } from './hooks.js';
import { InspectPopup } from './InspectPopup.js';
import { LogsPanel } from './LogsPanel.js';
import { Notice } from './Notice.js';
import { OutputPane, type OutputPaneSource } from './OutputPane.js';
import { RateTracker } from './rates.js';
import { type AnyRow, displayLabel, type TabId, usableRows } from './rows.js';
import { StatusLine } from './StatusLine.js';
import { handleKey, initialState, type KeyFlags, TAB_ORDER, type UiState } from './state.js';
import { TabBar } from './TabBar.js';
import { Table } from './Table.js';
import { arrangeRows, isLive, selectionIndex, windowTop } from './view.js';

export interface AppProps {
  source: DataSource;
  initialTab?: TabId;
  /** Fixed size (tests); otherwise the terminal's, following resizes. */
  size?: { columns: number; rows: number };
  /** Right end of the tab bar. */
  title?: string;
  /** The clock for "updated 3s ago" (tests pin it). */
  now?: () => number;
  /** `hotpath run`: the program's output, in a pane under the table. */
  output?: OutputPaneSource;
  /**
   * `hotpath run`: sees every key first. `handled` stops it there (Ctrl-C went to the program), `quit`
   * closes the console, null lets the console handle it as usual.
   */
  intercept?: (input: string, key: KeyFlags) => 'handled' | 'quit' | null;
}

const SINGULAR: Record<TabId, string> = { channels: 'channel', streams: 'stream', futures: 'future' };
const HOW_TO: Record<TabId, string> = {
  channels: 'Wrap one with channel(…) and run the program with HOTPATH=1',
  streams: 'Wrap one with stream(…) and run the program with HOTPATH=1',
  futures: 'Wrap one with future(…) or futureFn(…) and run the program with HOTPATH=1',
};

export function App({
  source,
  initialTab,
  size: fixedSize,
  title = 'hotpath console',
  now: clock = Date.now,
  output,
  intercept,
}: AppProps) {
  const { exit } = useApp();
  const size = useTerminalSize(fixedSize);
  const feed = useSyncExternalStore(
    (listener) => source.subscribe(listener),
    () => source.current(),
  );
  const [ui, setUi] = useState<UiState>(() => initialState(initialTab));
  const uiRef = useRef(ui);
  uiRef.current = ui;
  const [held, setHeld] = useState<{ snapshot: Snapshot | null; at: number | null } | null>(null);
  const now = useNow(clock);

  // Paused: the data of the moment `p` was pressed stays on screen.
  const snapshot = ui.paused && held !== null ? held.snapshot : feed.snapshot;
  const shownAt = ui.paused && held !== null ? held.at : feed.receivedAt;

  const trackers = useRef<Record<TabId, RateTracker> | null>(null);
  trackers.current ??= {
    channels: new RateTracker('channels'),
    streams: new RateTracker('streams'),
    futures: new RateTracker('futures'),
  };
  const tabRows = useMemo(() => {
    const all = {} as Record<TabId, AnyRow[]>;
    for (const tab of TAB_ORDER) all[tab] = usableRows(snapshot?.[tab]);
    return all;
  }, [snapshot]);
  const rates = useMemo(() => {
    const all = {} as Record<TabId, Map<number, number>>;
    for (const tab of TAB_ORDER)
      all[tab] = trackers.current![tab].update(tabRows[tab], snapshot?.elapsedMs ?? 0);
    return all;
  }, [tabRows, snapshot]);

  const tab = ui.tab;
  const view = ui.views[tab];
  const allRows = tabRows[tab];
  const rows = useMemo(() => (ui.liveOnly ? allRows.filter(isLive) : allRows), [allRows, ui.liveOnly]);
  const context = useMemo(() => ({ rates: rates[tab] }), [rates, tab]);
  const columns = useMemo(() => availableColumns(tab, rows), [tab, rows]);
  const arranged = useMemo(
    () => arrangeRows(rows, columns, view.filter, view.sort, context),
    [rows, columns, view.filter, view.sort, context],
  );
  const selected = selectionIndex(arranged, view.selectedId, view.index);
  const selectedRow: AnyRow | undefined = arranged[selected];

  // Layout: tab bar, status, main area, help; one row short of the screen so Ink never scrolls it.
  const screenRows = Math.max(10, size.rows - 1);
  const paneHeight = output === undefined ? 0 : Math.min(12, Math.max(4, Math.floor(screenRows / 3)));
  const mainHeight = screenRows - 3 - paneHeight;
  const tableHeight = Math.max(1, mainHeight - 3);
  const panelOpen = ui.panel && selectedRow !== undefined;
  const tableWidth = panelOpen ? Math.floor(size.columns / 2) : size.columns;
  const panelWidth = size.columns - tableWidth;
  const logHeight = Math.max(1, mainHeight - 5);
  const layout = layoutColumns(columns, Math.max(20, tableWidth - 2));
  const top = windowTop(view.top, selected, tableHeight, arranged.length);

  // A summary of finished instances keeps no logs (the server answers 404): nothing to fetch.
  const summary =
    selectedRow !== undefined && typeof selectedRow.instances === 'number' && selectedRow.instances > 1;
  const detailState = useDetail(
    source,
    panelOpen && !summary ? tab : null,
    selectedRow?.id ?? null,
    ui.paused,
    snapshot,
  );
  // A channel that delivers in order has delay figures once anything was received; one without cannot
  // pair its n-th receive with its n-th send.
  const pairable = selectedRow === undefined || selectedRow.delay != null || selectedRow.received === 0;
  const detail: Detail | null = useMemo(
    () =>
      detailState?.body === undefined
        ? null
        : readDetail(tab, detailState.body, snapshot?.elapsedMs ?? 0, pairable),
    [detailState, tab, snapshot, pairable],
  );
  const logCount = detail?.entries.length ?? 0;
  const logKeys = useMemo(() => detail?.entries.map((entry) => entry.cells[0] ?? '') ?? [], [detail]);
  const logSelected = pinnedIndex(logKeys, ui.logKey, ui.logIndex);
  const logTop = windowTop(ui.logTop, logSelected, logHeight, logCount);

  useInput((input, key) => {
    const intercepted = intercept?.(input, key) ?? null;
    if (intercepted === 'quit') {
      exit();
      return;
    }
    if (intercepted === 'handled') return;
    // Keys typed faster than a frame arrive as one string ("jjj", "jobs\r"): each counts on its own.
    if (input.length > 1 && !key.ctrl && !key.meta) {
      for (const char of input) onKey(char, flagsOf(char));
      return;
    }
    onKey(input, key);
  });

  /**
   * Keys can come faster than frames: the state they act on is the latest one (`uiRef`), and so are the
   * rows when an earlier key in the same burst changed the tab, filter or sort.
   */
  function onKey(input: string, key: KeyFlags): void {
    const before = uiRef.current;
    const latest = before.views[before.tab];
    const asDrawn =
      before.tab === tab &&
      before.liveOnly === ui.liveOnly &&
      latest.filter === view.filter &&
      latest.sort === view.sort;
    const latestAll = before.liveOnly ? tabRows[before.tab].filter(isLive) : tabRows[before.tab];
    const latestColumns = asDrawn ? columns : availableColumns(before.tab, latestAll);
    const latestRows = asDrawn
      ? arranged
      : arrangeRows(latestAll, latestColumns, latest.filter, latest.sort, { rates: rates[before.tab] });
    const result = handleKey(before, input, key, {
      rowIds: latestRows.map((row) => row.id),
      selected: selectionIndex(latestRows, latest.selectedId, latest.index),
      tableHeight,
      columns: latestColumns,
      logCount,
      logKeys,
      logSelected,
      logHeight,
    });
    if (result === 'quit') {
      exit();
      return;
    }
    if (result.paused && !before.paused) setHeld({ snapshot: feed.snapshot, at: feed.receivedAt });
    uiRef.current = result;
    setUi(result);
  }

  const counts = {} as Record<TabId, number | null>;
  for (const id of TAB_ORDER)
    counts[id] = snapshot === null ? null : (snapshot.totals?.[id] ?? tabRows[id].length);

  const facts = [
    arranged.length > 0 ? `[${selected + 1}/${arranged.length}]` : null,
    snapshot?.totals !== undefined && snapshot.totals[tab] > allRows.length
      ? `first ${allRows.length} of ${snapshot.totals[tab]}`
      : null,
    ui.liveOnly ? `live only (${allRows.length - rows.length} finished hidden)` : null,
    view.sort.key === null
      ? null
      : `sort ${columns.find((c) => c.key === view.sort.key)?.header ?? view.sort.key}${view.sort.descending ? '▼' : '▲'}`,
    view.filter === '' ? null : `filter "${view.filter}"`,
    snapshot !== null && snapshot.faults > 0 ? `${snapshot.faults} faults` : null,
    snapshot === null ? null : `pid ${snapshot.pid}`,
  ]
    .filter((fact) => fact !== null)
    .join(' · ');

  const inspected = ui.inspect ? detail?.entries[logSelected] : undefined;

  return (
    <Box flexDirection="column" width={size.columns} height={screenRows}>
      <TabBar tab={tab} counts={counts} title={title} width={size.columns} />
      <StatusLine
        feed={feed}
        paused={ui.paused}
        shownAt={shownAt}
        now={now}
        address={source.address}
        // A connection problem needs the whole line.
        facts={feed.problem === null || ui.paused ? facts : ''}
        staleAfterMs={source.refreshMs * 3 + 3000}
      />
      <Box height={mainHeight} flexDirection="row">
        {inspected !== undefined ? (
          <Box width={size.columns} justifyContent="center" alignItems="center">
            <InspectPopup
              entry={inspected}
              width={Math.floor(size.columns * 0.8)}
              height={Math.max(5, Math.floor(mainHeight * 0.8))}
            />
          </Box>
        ) : (
          <>
            <Box
              flexDirection="column"
              width={tableWidth}
              borderStyle={ui.focus === 'table' || !panelOpen ? 'bold' : 'single'}
              borderColor={ui.focus === 'table' || !panelOpen ? 'white' : 'gray'}
            >
              {snapshot === null ? (
                <Notice
                  title={
                    feed.problem === null
                      ? `Connecting to ${source.address}…`
                      : `Cannot read ${source.address}`
                  }
                  lines={feed.problem === null ? [] : [feed.problem, 'Retrying every second.']}
                  {...(feed.problem === null ? {} : { color: 'red' })}
                />
              ) : arranged.length === 0 ? (
                allRows.length === 0 ? (
                  <Notice title={`No ${tab} monitored yet`} lines={[HOW_TO[tab]]} />
                ) : rows.length === 0 ? (
                  <Notice
                    title={`All ${allRows.length} ${tab} have finished`}
                    lines={['f shows them again']}
                  />
                ) : (
                  <Notice
                    title={`No ${SINGULAR[tab]} matches "${view.filter}"`}
                    lines={['Esc clears the filter; / edits it']}
                  />
                )
              ) : (
                <Table
                  layout={layout}
                  rows={arranged.slice(top, top + tableHeight)}
                  selected={selected - top}
                  sort={view.sort}
                  context={context}
                  focused={ui.focus === 'table' || !panelOpen}
                />
              )}
            </Box>
            {panelOpen ? (
              <LogsPanel
                title={`${tab === 'futures' ? 'Calls' : 'Logs'}: ${displayLabel(selectedRow)}`}
                detail={detail}
                placeholder={
                  (summary
                    ? `(a summary of ${selectedRow.instances} finished instances: no logs are kept)`
                    : null) ??
                  detailState?.error ??
                  (detail === null ? (ui.paused ? '(refresh paused)' : '(loading…)') : null)
                }
                selected={logSelected}
                top={logTop}
                height={logHeight}
                width={panelWidth}
                focused={ui.focus === 'panel'}
              />
            ) : null}
          </>
        )}
      </Box>
      {output === undefined ? null : <OutputPane source={output} height={paneHeight} width={size.columns} />}
      {ui.editingFilter ? <FilterLine text={view.filter} /> : <HelpBar state={ui} />}
    </Box>
  );
}

/** What Ink would have reported for a control character met inside a burst of typed text. */
function flagsOf(char: string): KeyFlags {
  if (char === '\r' || char === '\n') return { return: true };
  if (char === '\u007f' || char === '\b') return { backspace: true };
  if (char === '\t') return { tab: true };
  if (char === '\u0003') return { ctrl: true };
  return {};
}

/** Where the pinned log entry is now (newer entries push it down), else the same position. */
function pinnedIndex(keys: readonly string[], key: string | null, index: number): number {
  if (keys.length === 0) return 0;
  const found = key === null ? -1 : keys.indexOf(key);
  return found >= 0 ? found : Math.min(index, keys.length - 1);
}
