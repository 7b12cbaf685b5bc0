/**
 * Watches the lints of a scenario until the unhealthy row raises its lint AND the healthy rows have been
 * judged over enough samples to have raised theirs (counted in samples of the runtime tick, never in
 * wall time), then prints what it saw as one JSON line. Runs with a short runtime interval and short
 * thresholds set through HOTPATH_LINTS (see the test).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type Lint, type Snapshot, serverUrl, snapshot } from '../../../src/index.ts';

export interface Seen {
  /** Every lint ever raised on each label: `label → lint names`. */
  ever: Record<string, string[]>;
  /** The lints raised at the end. */
  atEnd: Lint[];
  /** `/lints?by=site` at the end, when the server is on. */
  bySite: Lint[] | null;
  samples: number;
}

export interface Watch {
  /** Done waiting for the unhealthy side once this holds. */
  until(lints: Lint[], snap: Snapshot): boolean;
  /** A live row whose history counts the ticks seen. */
  clock(
    snap: Snapshot,
  ): { history?: { queued?: number[]; pending?: number[]; yieldedPerSecond?: number[] } } | undefined;
  /** Ticks to keep judging the healthy rows after `until` holds. */
  samples: number;
  /** What to do after the wait, before the final look (say, let a late consumer finish). */
  after?(): Promise<void> | void;
}

export async function observe(watch: Watch): Promise<void> {
  const ever: Record<string, Set<string>> = {};
  const note = (lints: Lint[]) => {
    for (const lint of lints) {
      ever[lint.label] ??= new Set();
      ever[lint.label]!.add(lint.lint);
    }
  };
  let reached = -1;
  let samples = 0;
  for (;;) {
    const snap = snapshot();
    const lints = snap.lints ?? [];
    note(lints);
    const history = watch.clock(snap)?.history;
    samples = (history?.queued ?? history?.pending ?? history?.yieldedPerSecond ?? []).length;
    if (reached < 0 && watch.until(lints, snap)) reached = samples;
    if (reached >= 0 && samples >= Math.min(120, reached + watch.samples)) break;
    await sleep(25);
  }
  await watch.after?.();
  const end = snapshot();
  note(end.lints ?? []);
  const url = await serverUrl();
  const bySite =
    url === null ? null : ((await (await fetch(`${url}/lints?by=site`)).json()) as { lints: Lint[] }).lints;
  const seen: Seen = {
    ever: Object.fromEntries(Object.entries(ever).map(([label, set]) => [label, [...set].sort()])),
    atEnd: end.lints ?? [],
    bySite,
    samples,
  };
  process.stdout.write(`${JSON.stringify(seen)}\n`);
  process.exit(0);
}

export const raised = (lints: Lint[], lint: string, label: string) =>
  lints.some((l) => l.lint === lint && l.label === label);
