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
): DetailState | null {
  const [state, setState] = useState<DetailState | null>(null);
  const key = tab === null || id === null ? null : `${tab}:${id}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new snapshot refetches the logs
  useEffect(() => {
    if (tab === null || id === null || paused) return;
    let current = true;
    source.fetchDetail(tab, id).then(
      (body) => {
        if (current) setState({ key: `${tab}:${id}`, body });
      },
      (error: unknown) => {
        if (current)
          setState({
            key: `${tab}:${id}`,
            error: `(${error instanceof Error ? error.message : String(error)})`,
          });
      },
    );
    return () => {
      current = false;
    };
  }, [source, tab, id, paused, snapshot]);
  return state !== null && state.key === key ? state : null;
}
