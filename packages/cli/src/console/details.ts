/**
 * The logs panel's entries, read from `/channels/:id/logs`, `/streams/:id/logs`, `/futures/:id/calls`,
 * `/functions/:id/logs` (logged return values) or `/gauges/:id/logs` (the latest updates).
 * Tolerant like the rows: a missing or null field reads as "-".
 */
import { formatAgo, formatDurationMs, isNumber } from './format.js';
import type { TabId } from './rows.js';

export interface DetailEntry {
  /** Identifies the entry across refreshes (`#n`, or `label-2#n` in a site's merged log). */
  key: string;
  /** What `i` shows in full: the logged value or the call's result; null when nothing was logged. */
  value: string | null;
  /** The popup's title. */
  title: string;
  cells: string[];
  /** The state colour of a future call. */
  state?: string;
}

export interface Detail {
  headers: string[];
  /** Widths of every column but the last, which takes the rest (the value). */
  widths: number[];
  entries: DetailEntry[];
  /** Set when values were not logged: how to get them. */
  hint: string | null;
}

type Json = Record<string, unknown>;

function list(body: unknown, name: string): Json[] {
  const value = body !== null && typeof body === 'object' ? (body as Json)[name] : undefined;
  return Array.isArray(value)
    ? value.filter((item): item is Json => item !== null && typeof item === 'object')
    : [];
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function count(value: unknown): string {
  return isNumber(value) ? String(value) : '-';
}

/** A site's merged log names each entry's instance (`upper-12`). */
const INSTANCE_WIDTH = 12;

const NOT_LOGGED = 'values not logged: use { log: true }';

/**
 * Ready-to-show entries; `elapsedMs` is the host's clock of the shown snapshot, for "ago"; `pairable` says
 * whether a channel's n-th receive is its n-th send.
 */
export function readDetail(tab: TabId, body: unknown, elapsedMs: number, pairable = true): Detail {
  const ago = (timestamp: unknown) => (isNumber(timestamp) ? formatAgo(elapsedMs - timestamp) : '-');
  if (tab === 'futures') {
    const calls = list(body, 'calls');
    return {
      headers: ['Call', 'State', 'Duration', 'Polls', 'Result'],
      widths: [7, 10, 9, 6],
      entries: calls.map((call) => {
        const state = text(call.state) ?? '-';
        const result = text(call.result);
        return {
          key: `#${count(call.id)}`,
          value: result,
          state,
          title: `Call #${count(call.id)} — ${state}, ${formatDurationMs(call.durationMs)}, polls ${count(call.polls)}`,
          cells: [
            `#${count(call.id)}`,
            state,
            formatDurationMs(call.durationMs),
            count(call.polls),
            result ?? '-',
          ],
        };
      }),
      hint:
        calls.length > 0 && calls.every((call) => text(call.result) === null)
          ? 'results not logged: use { log: true }'
          : null,
    };
  }
  if (tab === 'streams' || tab === 'functions' || tab === 'gauges') {
    const logs = list(body, 'logs');
    const merged = logs.some((entry) => text(entry.instance) !== null);
    const what = tab === 'streams' ? 'Item' : tab === 'functions' ? 'Call' : 'Update';
    return {
      headers: [what, ...(merged ? ['Instance'] : []), 'Ago', tab === 'functions' ? 'Returned' : 'Value'],
      widths: [8, ...(merged ? [INSTANCE_WIDTH] : []), 8],
      entries: logs.map((entry) => {
        const message = text(entry.message);
        const instance = text(entry.instance);
        return {
          key: `${instance ?? ''}#${count(entry.index)}`,
          value: message,
          title: `${what} #${count(entry.index)}${instance === null ? '' : ` of ${instance}`} — ${ago(entry.timestampMs)}`,
          cells: [
            `#${count(entry.index)}`,
            ...(merged ? [instance ?? '-'] : []),
            ago(entry.timestampMs),
            message ?? '-',
          ],
        };
      }),
      hint:
        tab === 'gauges'
          ? null
          : logs.length === 0 || logs.some((entry) => text(entry.message) === null)
            ? NOT_LOGGED
            : null,
    };
  }
  const sent = list(body, 'sentLogs');
  const merged = sent.some((entry) => text(entry.instance) !== null);
  const receivedAt = new Map<number, number>();
  for (const entry of list(body, 'receivedLogs')) {
    if (isNumber(entry.index) && isNumber(entry.timestampMs)) receivedAt.set(entry.index, entry.timestampMs);
  }
  return {
    headers: ['Msg', ...(merged ? ['Instance'] : []), 'Delay', 'Ago', 'Value'],
    widths: [8, ...(merged ? [INSTANCE_WIDTH] : []), 9, 8],
    entries: sent.map((entry) => {
      const message = text(entry.message);
      const received = isNumber(entry.index) ? receivedAt.get(entry.index) : undefined;
      // Delay pairs the n-th send with the n-th receive: exact for first-in first-out channels.
      // Where deliveries are not first-in first-out (the row has no delay figures), pairs would be wrong.
      const delay = !pairable
        ? '-'
        : received === undefined || !isNumber(entry.timestampMs)
          ? 'queued'
          : received < entry.timestampMs
            ? '⚠'
            : formatDurationMs(received - entry.timestampMs);
      const instance = text(entry.instance);
      return {
        key: `${instance ?? ''}#${count(entry.index)}`,
        value: message,
        title: `Message #${count(entry.index)}${instance === null ? '' : ` of ${instance}`} — sent ${ago(entry.timestampMs)}, delay ${delay}`,
        cells: [
          `#${count(entry.index)}`,
          ...(merged ? [instance ?? '-'] : []),
          delay,
          ago(entry.timestampMs),
          message ?? '-',
        ],
      };
    }),
    hint: sent.length === 0 || sent.some((entry) => text(entry.message) === null) ? NOT_LOGGED : null,
  };
}
