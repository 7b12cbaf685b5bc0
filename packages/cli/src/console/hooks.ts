/** The console's hooks: the terminal size, a ticking clock, and the logs of the selected row. */

import type { Snapshot } from 'hotpath';
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';
import type { DataSource } from '../client/feed.js';
import type { TabId } from './rows.js';

export function useTerminalSize(fixed: { columns: number; rows: number } | undefined): {
  columns: number;
  rows: number;
} {
  const { stdout } = useStdout();
  const read = () => fixed ?? { columns: stdout.columns || 100, rows: stdout.rows || 30 };
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (fixed !== undefined) return;
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  });
  return fixed ?? size;
}

export function useNow(clock: () => number): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    const timer = setInterval(() => setNow(clock()), 1000);
    return () => clearInterval(timer);
  }, [clock]);
  return now;
}

export interface DetailState {
  key: string;
  body?: unknown;
  error?: string;
}

/** The selected item's logs, fetched when the panel opens, when the selection moves, and on every refresh. */
export function useDetail(
  source: DataSource,
  tab: TabId | null,
  id: number | null,
  paused: boolean,
  snapshot: Snapshot | null,
  bySite = false,
): DetailState | null {
  return useFetched(
    tab === null || id === null ? null : `${tab}:${bySite ? 'site:' : ''}${id}`,
    () => source.fetchDetail(tab!, id!, bySite),
    paused,
    snapshot,
  );
}

/** The instances of the site being viewed, fetched when it opens and on every refresh. */
export function useInstances(
  source: DataSource,
  drill: { tab: TabId; siteId: number } | null,
  paused: boolean,
  snapshot: Snapshot | null,
): DetailState | null {
  return useFetched(
    drill === null ? null : `${drill.tab}?site=${drill.siteId}`,
    () => source.fetchInstances(drill!.tab, drill!.siteId),
    paused,
    snapshot,
  );
}

/** Whatever `fetch` answers for `key`, asked again on every new snapshot (not while paused). */
function useFetched(
  key: string | null,
  fetch: () => Promise<unknown>,
  paused: boolean,
  snapshot: Snapshot | null,
): DetailState | null {
  const [state, setState] = useState<DetailState | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new snapshot refetches the logs
  useEffect(() => {
    if (key === null || paused) return;
    let current = true;
    fetch().then(
      (body) => {
        if (current) setState({ key, body });
      },
      (error: unknown) => {
        if (current)
          setState({
            key,
            error: `(${error instanceof Error ? error.message : String(error)})`,
          });
      },
    );
    return () => {
      current = false;
    };
  }, [key, paused, snapshot]);
  return state !== null && state.key === key ? state : null;
}
