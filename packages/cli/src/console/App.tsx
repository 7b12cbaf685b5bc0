/**
 * The console: tab bar, status line, the table of the current tab (with the logs panel beside it, or the
 * inspect popup over it), and a help line. Everything shown comes from one `DataSource`.
 */

import type { Snapshot } from 'hotpath';
import { markLintedRows, usableLints } from 'hotpath/text';
import { Box, useApp, useInput } from 'ink';
import { useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { DataSource } from '../client/feed.js';
import type { ReplayControls } from '../replay/source.js';
import { availableColumns, layoutColumns } from './columns.js';
import { type Detail, readDetail } from './details.js';
import { FilterLine, GotoLine, HelpBar } from './HelpBar.js';
import { useDetail, useInstances, useNow, useTerminalSize } from './hooks.js';
import { InspectPopup } from './InspectPopup.js';
import { historyLines, LogsPanel } from './LogsPanel.js';
import { Notice } from './Notice.js';
import { OutputPane, type OutputPaneSource } from './OutputPane.js';
import { RuntimeView } from './RuntimeView.js';
import { RateTracker } from './rates.js';
import { replayKey } from './replay-keys.js';
import { type AnyRow, displayLabel, hasInstanceRows, type TabId, usableRows } from './rows.js';
import { StatusLine } from './StatusLine.js';
import { currentView, handleKey, initialState, type KeyFlags, TAB_ORDER, type UiState } from './state.js';
import { tableFacts } from './status-facts.js';
import { TabBar } from './TabBar.js';
import { Table } from './Table.js';
import { arrangeRows, isLive, selectionIndex, windowTop } from './view.js';
import { WarningsLine, WarningsView } from './WarningsView.js';

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
  /** Set when `source` plays a recording: the replay keys act on it and the status line shows where it is. */
  replay?: ReplayControls;
  /** The watched program's web dashboard, shown at the right of the help line. */
  dashboardUrl?: string;
}

const SINGULAR: Record<TabId, string> = {
  channels: 'channel',
  streams: 'stream',
  futures: 'future',
  functions: 'measured function',
  gauges: 'gauge',
};
const HOW_TO: Record<TabId, string> = {
  channels: 'Wrap one with channel(…) and run the program with HOTPATH=1',
  streams: 'Wrap one with stream(…) and run the program with HOTPATH=1',
  futures: 'Wrap one with future(…) or futureFn(…) and run the program with HOTPATH=1',
  functions: 'Wrap one with measure(…), @measure() or measureBlock(…) and run the program with HOTPATH=1',
  gauges: 'Set one with gauge(label, value) or val(label, value) and run the program with HOTPATH=1',
};

export function App({
  source,
  initialTab,
  size: fixedSize,
  title = 'hotpath console',
  now: clock = Date.now,
  output,
  intercept,
  replay,
  dashboardUrl,
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
  /** The time being typed after `g` in a replay; null when not asked. */
  const [goto, setGoto] = useState<string | null>(null);
  const gotoRef = useRef(goto);
  gotoRef.current = goto;
  const now = useNow(clock);

  // Paused: the data of the moment `p` was pressed stays on screen.
  const snapshot = ui.paused && held !== null ? held.snapshot : feed.snapshot;
  const shownAt = ui.paused && held !== null ? held.at : feed.receivedAt;

  const trackers = useRef<Record<TabId, RateTracker> | null>(null);
  trackers.current ??= {
    channels: new RateTracker('channels'),
    streams: new RateTracker('streams'),
    futures: new RateTracker('futures'),
    functions: new RateTracker('functions'),
    gauges: new RateTracker('gauges'),
  };
  const lints = useMemo(() => usableLints(snapshot?.lints), [snapshot]);
  const tabRows = useMemo(() => {
    const all = {} as Record<TabId, AnyRow[]>;
    for (const tab of TAB_ORDER) all[tab] = markLintedRows(tab, usableRows(snapshot?.[tab]), lints);
    return all;
  }, [snapshot, lints]);
  const rates = useMemo(() => {
    const all = {} as Record<TabId, Map<number, number>>;
    // No snapshot yet is no measurement: rows already counting when the console attached are not new.
    for (const tab of TAB_ORDER)
      all[tab] =
        snapshot === null ? new Map() : trackers.current![tab].update(tabRows[tab], snapshot.elapsedMs);
    return all;
  }, [tabRows, snapshot]);

  const tab = ui.tab;
  // Site rows (one per label or call site) when the server sends them; an older server sends instances.
  const siteView = snapshot?.by === 'site';
  const drill = ui.drill !== null && ui.drill.tab === tab ? ui.drill : null;
  const instancesState = useInstances(source, drill, ui.paused, snapshot);
  const instanceRows = useMemo(
    () => usableRows(bodyList(instancesState?.body, drill?.tab)),
    [instancesState, drill],
  );
  const drillTracker = useRef<{ key: string; tracker: RateTracker } | null>(null);
  const drillRates = useMemo(() => {
    if (drill === null) return new Map<number, number>();
    const key = `${drill.tab}:${drill.siteId}`;
    if (drillTracker.current?.key !== key)
      drillTracker.current = { key, tracker: new RateTracker(drill.tab) };
    return drillTracker.current.tracker.update(instanceRows, bodyElapsed(instancesState?.body));
  }, [drill, instanceRows, instancesState]);
  const view = currentView(ui);
  const allRows = drill === null ? tabRows[tab] : instanceRows;
  const rows = useMemo(() => (ui.liveOnly ? allRows.filter(isLive) : allRows), [allRows, ui.liveOnly]);
  const context = useMemo(
    () => ({ rates: drill === null ? rates[tab] : drillRates }),
    [rates, tab, drill, drillRates],
  );
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
  // A line of warnings under the status line, only while some lint is raised.
  const warningsShown = lints.length > 0 && snapshot !== null && feed.problem === null;
  const mainHeight = screenRows - 3 - paneHeight - (warningsShown ? 1 : 0);
  const tableHeight = Math.max(1, mainHeight - 3);
  const panelOpen = ui.panel && selectedRow !== undefined;
  const tableWidth = panelOpen ? Math.floor(size.columns / 2) : size.columns;
  const panelWidth = size.columns - tableWidth;
  const trendLines = panelOpen
    ? historyLines(selectedRow.history, panelWidth - 4, selectedRow.after).length
    : 0;
  const logHeight = Math.max(1, mainHeight - 5 - trendLines);
  const layout = layoutColumns(columns, Math.max(20, tableWidth - 2));
  const top = windowTop(view.top, selected, tableHeight, arranged.length);

  // Among instance rows, a summary of finished instances keeps no logs (the server answers 404). A site
  // row's logs are its instances' entries merged.
  const siteRow = siteView && drill === null && hasInstanceRows(tab);
  const summary =
    !siteRow &&
    selectedRow !== undefined &&
    typeof selectedRow.instances === 'number' &&
    selectedRow.instances > 1;
  const detailState = useDetail(
    source,
    panelOpen && !summary ? tab : null,
    selectedRow?.id ?? null,
    ui.paused,
    snapshot,
    siteRow,
  );
  // A channel that delivers in order has delay figures once anything was received; one without cannot
  // pair its n-th receive with its n-th send.
  // A site's merged log mixes instances, whose n-th sends and receives pair only within each instance.
  const mergedLog = siteRow && (selectedRow?.instances ?? 1) > 1;
  const pairable =
    !mergedLog && (selectedRow === undefined || selectedRow.delay != null || selectedRow.received === 0);
  const detail: Detail | null = useMemo(
    () =>
      detailState?.body === undefined
        ? null
        : readDetail(tab, detailState.body, snapshot?.elapsedMs ?? 0, pairable),
    [detailState, tab, snapshot, pairable],
  );
  const logCount = detail?.entries.length ?? 0;
  const logKeys = useMemo(() => detail?.entries.map((entry) => entry.key) ?? [], [detail]);
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
    if (replay !== undefined) {
      const handled = replayKey(replay, gotoRef.current, uiRef.current.editingFilter, input, key);
      if (handled !== null) {
        gotoRef.current = handled.typed;
        setGoto(handled.typed);
        return;
      }
    }
    const before = uiRef.current;
    const latest = currentView(before);
    const sameDrill = before.drill === ui.drill;
    const asDrawn =
      before.tab === tab &&
      sameDrill &&
      before.liveOnly === ui.liveOnly &&
      latest.filter === view.filter &&
      latest.sort === view.sort;
    // An instance view opened by an earlier key of this burst has no rows yet.
    const latestSource =
      before.drill === null ? tabRows[before.tab] : sameDrill && drill !== null ? instanceRows : [];
    const latestAll = before.liveOnly ? latestSource.filter(isLive) : latestSource;
    const latestColumns = asDrawn ? columns : availableColumns(before.tab, latestAll);
    const latestRows = asDrawn
      ? arranged
      : arrangeRows(latestAll, latestColumns, latest.filter, latest.sort, context);
    const latestSelected = selectionIndex(latestRows, latest.selectedId, latest.index);
    const target = latestRows[latestSelected];
    // A recording keeps site rows only: there are no instances to list.
    const drillable =
      replay === undefined &&
      siteView &&
      before.drill === null &&
      hasInstanceRows(before.tab) &&
      target !== undefined;
    const result = handleKey(before, input, key, {
      rowIds: latestRows.map((row) => row.id),
      selected: latestSelected,
      tableHeight,
      columns: latestColumns,
      logCount,
      logKeys,
      logSelected,
      logHeight,
      drillTarget: drillable ? { id: target.id, label: displayLabel(target) } : null,
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

  const facts = tableFacts({
    shown: arranged.length,
    selected,
    total: snapshot?.totals?.[tab],
    received: allRows.length,
    finishedHidden: ui.liveOnly ? allRows.length - rows.length : null,
    selectedRow,
    drill:
      drill === null
        ? null
        : { label: drill.label, site: tabRows[tab].find((row) => row.id === drill.siteId) },
    sort: view.sort,
    sortHeader: columns.find((c) => c.key === view.sort.key)?.header,
    filter: view.filter,
    faults: snapshot?.faults ?? 0,
    pid: snapshot?.pid ?? null,
  });

  const inspected = ui.inspect ? detail?.entries[logSelected] : undefined;

  return (
    <Box flexDirection="column" width={size.columns} height={screenRows}>
      <TabBar tab={tab} runtime={ui.runtime} counts={counts} title={title} width={size.columns} />
      <StatusLine
        {...(replay === undefined ? {} : { replay: replay.position() })}
        feed={feed}
        paused={ui.paused}
        shownAt={shownAt}
        now={now}
        address={source.address}
        // A connection problem needs the whole line.
        facts={feed.problem === null || ui.paused ? facts : ''}
        staleAfterMs={source.refreshMs * 3 + 3000}
      />
      {warningsShown ? <WarningsLine lints={lints} width={size.columns} /> : null}
      <Box height={mainHeight} flexDirection="row">
        {ui.warnings ? (
          <Box flexDirection="column" width={size.columns} borderStyle="bold" borderColor="yellow">
            <WarningsView lints={lints} width={size.columns - 2} height={mainHeight - 2} />
          </Box>
        ) : ui.runtime ? (
          <Box flexDirection="column" width={size.columns} borderStyle="bold" borderColor="white">
            {snapshot === null ? (
              <Notice
                title={`Connecting to ${source.address}…`}
                lines={feed.problem === null ? [] : [feed.problem]}
              />
            ) : (
              <RuntimeView runtime={snapshot.runtime} width={size.columns - 2} height={mainHeight - 2} />
            )}
          </Box>
        ) : inspected !== undefined ? (
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
              ) : drill !== null && instancesState === null ? (
                <Notice title={`Listing the instances of ${drill.label}…`} lines={[]} />
              ) : drill !== null && instancesState?.error !== undefined ? (
                <Notice
                  title={`Cannot list the instances of ${drill.label}`}
                  lines={[instancesState.error, 'Esc goes back']}
                  color="red"
                />
              ) : arranged.length === 0 ? (
                drill !== null ? (
                  <Notice
                    title={`No instance of ${drill.label} is held any more`}
                    lines={['Finished instances fold into the site row; Esc goes back']}
                  />
                ) : allRows.length === 0 ? (
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
                title={`${tab === 'futures' ? 'Calls' : siteRow && (selectedRow.instances ?? 1) > 1 ? 'Logs (all instances)' : 'Logs'}: ${displayLabel(selectedRow)}`}
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
                history={selectedRow.history}
                after={selectedRow.after}
              />
            ) : null}
          </>
        )}
      </Box>
      {output === undefined ? null : <OutputPane source={output} height={paneHeight} width={size.columns} />}
      {goto !== null ? (
        <GotoLine text={goto} />
      ) : ui.editingFilter ? (
        <FilterLine text={view.filter} />
      ) : (
        <HelpBar
          state={ui}
          replay={replay !== undefined}
          warnings={lints.length}
          width={size.columns}
          {...(dashboardUrl === undefined ? {} : { dashboardUrl })}
        />
      )}
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

/** The rows of a `/channels?site=ID` answer (`channels` or `streams` list). */
function bodyList(body: unknown, kind: TabId | undefined): unknown {
  if (kind === undefined || body === null || typeof body !== 'object') return [];
  return (body as Record<string, unknown>)[kind];
}

function bodyElapsed(body: unknown): number {
  const elapsed = body !== null && typeof body === 'object' ? (body as { elapsedMs?: unknown }).elapsedMs : 0;
  return typeof elapsed === 'number' ? elapsed : 0;
}
