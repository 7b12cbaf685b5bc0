/** The console's own state (what the user chose), and how each key changes it. Pure, so tests drive it directly too. */
import type { Column } from './columns.js';
import type { TabId } from './rows.js';
import { nextSort, type SortState, windowTop } from './view.js';

export interface TabView {
  /** The selected row, kept by id across refreshes. */
  selectedId: number | null;
  /** Its position, used when the row with that id is gone. */
  index: number;
  top: number;
  sort: SortState;
  filter: string;
}

/** The instance view: the instances one site row stands for. */
export interface Drill {
  tab: TabId;
  siteId: number;
  label: string;
}

export interface UiState {
  tab: TabId;
  views: Record<TabId, TabView>;
  /** Set while the instances of one site are listed (Enter or → on a site row; Esc or ← goes back). */
  drill: Drill | null;
  /** Selection, sort and filter of the instance view, fresh each time a site is opened. */
  drillView: TabView;
  editingFilter: boolean;
  panel: boolean;
  focus: 'table' | 'panel';
  inspect: boolean;
  logIndex: number;
  /** The selected log entry (its `#n`), so that it stays selected while newer entries push it down. */
  logKey: string | null;
  logTop: number;
  paused: boolean;
  /** Hide finished rows (closed, notified, errored, cancelled, and summaries of finished instances). */
  liveOnly: boolean;
  /** Tab 4: the runtime page (threads, loop, heap, GC, stalls) instead of a table of rows. */
  runtime: boolean;
  /** `w`: the list of warnings (lints) over the current tab. */
  warnings: boolean;
}

/** What a key needs to know about the screen as drawn. */
export interface KeyContext {
  /** Ids of the rows as shown (filtered and sorted). */
  rowIds: readonly number[];
  /** Where the selection is drawn now. */
  selected: number;
  tableHeight: number;
  columns: readonly Column[];
  logCount: number;
  /** Keys (`#n`) of the log entries as shown, and which one is drawn selected. */
  logKeys: readonly string[];
  logSelected: number;
  logHeight: number;
  /** The selected site row, when Enter or → can list its instances. */
  drillTarget: { id: number; label: string } | null;
}

/** The subset of Ink's key flags used here. */
export interface KeyFlags {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  backspace?: boolean;
  delete?: boolean;
  tab?: boolean;
  shift?: boolean;
}

/** Key 4 is kept for the Runtime tab. */
export const TAB_KEYS: Record<string, TabId> = {
  '1': 'channels',
  '2': 'streams',
  '3': 'futures',
  '5': 'functions',
  '6': 'gauges',
};
export const TAB_ORDER: TabId[] = ['channels', 'streams', 'futures', 'functions', 'gauges'];

function freshView(): TabView {
  return { selectedId: null, index: 0, top: 0, sort: { key: null, descending: false }, filter: '' };
}

/** A new list of rows starts with the panel closed, the table focused and the log position reset. */
const NEW_LIST = {
  panel: false,
  focus: 'table',
  inspect: false,
  logIndex: 0,
  logKey: null,
  logTop: 0,
} as const;

export function initialState(tab: TabId = 'channels'): UiState {
  return {
    tab,
    views: {
      channels: freshView(),
      streams: freshView(),
      futures: freshView(),
      functions: freshView(),
      gauges: freshView(),
    },
    drill: null,
    drillView: freshView(),
    editingFilter: false,
    ...NEW_LIST,
    paused: false,
    liveOnly: false,
    runtime: false,
    warnings: false,
  };
}

/** The key of the runtime page, after the row tabs. */
export const RUNTIME_KEY = '4';

export type KeyResult = UiState | 'quit';

export function handleKey(state: UiState, input: string, key: KeyFlags, context: KeyContext): KeyResult {
  if ((key.ctrl && input === 'c') || input === '\u0003') return 'quit';
  if (state.editingFilter) return editFilter(state, input, key);
  if (input === 'q' || input === 'Q') return 'quit';

  const tab = TAB_KEYS[input];
  if (tab !== undefined)
    return tab === state.tab && !state.runtime && !state.warnings ? state : switchTab(state, tab);
  if (input === 'w' || input === 'W')
    return { ...state, warnings: !state.warnings, panel: false, inspect: false, focus: 'table' };
  if (state.warnings) {
    // The warnings list has no rows to move through: closing it, pausing and quitting do anything.
    if (key.escape) return { ...state, warnings: false };
    if (input === 'p' || input === 'P') return { ...state, paused: !state.paused };
    return state;
  }
  if (input === RUNTIME_KEY)
    return {
      ...state,
      runtime: true,
      warnings: false,
      panel: false,
      inspect: false,
      editingFilter: false,
      focus: 'table',
    };
  if (state.runtime) {
    // The runtime page has no rows: only leaving it, pausing and quitting do anything.
    // Tab 4 sits between futures (3) and functions (5).
    if (key.tab) return switchTab(state, key.shift ? 'futures' : 'functions');
    if (input === 'p' || input === 'P') return { ...state, paused: !state.paused };
    return state;
  }
  if (key.tab) {
    const next =
      TAB_ORDER[(TAB_ORDER.indexOf(state.tab) + (key.shift ? TAB_ORDER.length - 1 : 1)) % TAB_ORDER.length]!;
    return switchTab(state, next);
  }
  if (input === 'p' || input === 'P') return { ...state, paused: !state.paused };
  if (input === 'f' || input === 'F') return { ...state, liveOnly: !state.liveOnly };
  if (input === '/') return { ...state, editingFilter: true, inspect: false, focus: 'table' };
  if (key.return && context.drillTarget !== null) return openSite(state, context.drillTarget);
  if (input === 's') return withView(state, { sort: nextSort(currentView(state).sort, context.columns) });
  if (input === 'S') {
    const sort = currentView(state).sort;
    return sort.key === null ? state : withView(state, { sort: { ...sort, descending: !sort.descending } });
  }
  if (input === 'o' || input === 'O') {
    if (state.inspect || state.panel) return { ...state, panel: false, inspect: false, focus: 'table' };
    return { ...state, panel: true, focus: 'panel', logIndex: 0, logKey: null, logTop: 0 };
  }
  if (key.leftArrow || input === 'h' || input === 'H') {
    if (state.drill !== null && state.focus === 'table' && !state.inspect) return closeSite(state);
    return { ...state, focus: 'table', inspect: false };
  }
  if (key.rightArrow || input === 'l') {
    if (context.drillTarget !== null && state.focus === 'table') return openSite(state, context.drillTarget);
    return { ...state, panel: true, focus: 'panel' };
  }
  if (input === 'i' || input === 'I') {
    if (state.inspect) return { ...state, inspect: false };
    return state.panel && state.focus === 'panel' && context.logCount > 0
      ? { ...state, inspect: true }
      : state;
  }
  if (key.escape) {
    if (state.inspect) return { ...state, inspect: false };
    if (state.panel) return { ...state, panel: false, focus: 'table' };
    if (currentView(state).filter !== '') return withView(state, { filter: '' });
    return state.drill === null ? state : closeSite(state);
  }
  const step = movement(
    input,
    key,
    state.panel && state.focus === 'panel' ? context.logHeight : context.tableHeight,
  );
  if (step === null) return state;
  return state.panel && state.focus === 'panel'
    ? moveLog(state, step, context)
    : moveRow(state, step, context);
}

type Step = number | 'first' | 'last';

function movement(input: string, key: KeyFlags, page: number): Step | null {
  if (key.downArrow || input === 'j') return 1;
  if (key.upArrow || input === 'k') return -1;
  if (key.pageDown || input === ' ') return Math.max(1, page - 1);
  if (key.pageUp) return -Math.max(1, page - 1);
  if (key.home || input === 'g') return 'first';
  if (key.end || input === 'G') return 'last';
  return null;
}

function target(current: number, step: Step, count: number): number {
  // Navigation stops at the ends; it does not wrap.
  const next = step === 'first' ? 0 : step === 'last' ? count - 1 : current + step;
  return Math.min(Math.max(next, 0), count - 1);
}

function moveRow(state: UiState, step: Step, context: KeyContext): UiState {
  if (context.rowIds.length === 0) return state;
  const index = target(Math.max(context.selected, 0), step, context.rowIds.length);
  const view = currentView(state);
  const top = windowTop(view.top, index, context.tableHeight, context.rowIds.length);
  // A new row means new logs: the panel starts again from the newest entry.
  return {
    ...withView(state, { selectedId: context.rowIds[index]!, index, top }),
    logIndex: 0,
    logKey: null,
    logTop: 0,
  };
}

function moveLog(state: UiState, step: Step, context: KeyContext): UiState {
  if (context.logCount === 0) return state;
  const logIndex = target(context.logSelected, step, context.logCount);
  return {
    ...state,
    logIndex,
    logKey: context.logKeys[logIndex] ?? null,
    logTop: windowTop(state.logTop, logIndex, context.logHeight, context.logCount),
  };
}

/** The view the keys act on: the instance view's while one is open, else the tab's. */
export function currentView(state: UiState): TabView {
  return state.drill !== null && state.drill.tab === state.tab ? state.drillView : state.views[state.tab];
}

function openSite(state: UiState, target: { id: number; label: string }): UiState {
  return {
    ...state,
    ...NEW_LIST,
    drill: { tab: state.tab, siteId: target.id, label: target.label },
    drillView: freshView(),
  };
}

/** Back to the site rows, the site still selected. */
function closeSite(state: UiState): UiState {
  return { ...state, ...NEW_LIST, drill: null };
}

function switchTab(state: UiState, tab: TabId): UiState {
  return {
    ...state,
    tab,
    runtime: false,
    warnings: false,
    drill: null,
    inspect: false,
    editingFilter: false,
    logIndex: 0,
    logKey: null,
    logTop: 0,
    focus: state.panel ? state.focus : 'table',
  };
}

function withView(state: UiState, change: Partial<TabView>): UiState {
  if (state.drill !== null && state.drill.tab === state.tab)
    return { ...state, drillView: { ...state.drillView, ...change } };
  return { ...state, views: { ...state.views, [state.tab]: { ...state.views[state.tab], ...change } } };
}

function editFilter(state: UiState, input: string, key: KeyFlags): UiState {
  const filter = currentView(state).filter;
  if (key.escape) return { ...withView(state, { filter: '', index: 0, top: 0 }), editingFilter: false };
  if (key.return) return { ...state, editingFilter: false };
  if (key.backspace || key.delete) return withView(state, { filter: filter.slice(0, -1), top: 0 });
  if (key.ctrl || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.tab) return state;
  // Printable text only (a paste arrives as one string).
  const typed = [...input].filter((char) => char >= ' ' && char !== '\u007f').join('');
  return typed === '' ? state : withView(state, { filter: filter + typed, top: 0 });
}
