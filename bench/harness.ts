/**
 * Side-by-side measurement: every variant of a workload runs in the same process, interleaved round by
 * round (the order rotates each round), so that JIT warm-up, GC and machine noise fall on all of them
 * alike. Results are medians over rounds, with the spread, and ratios to the raw primitive taken per round
 * (so that a slow phase of a busy machine, which hits the variants of one round alike, cancels out).
 */
export type Variant = 'raw' | 'off' | 'on' | 'log' | 'floor' | 'asyncHooks' | 'als';

/** The peer approaches: how global-hook tools (Clinic.js, APM agents) track the same workload. */
export const peerVariants = ['asyncHooks', 'als'] as const;

export interface BenchResult {
  name: string;
  rawNs: number;
  offNs?: number;
  onNs: number;
  logNs?: number;
  /**
   * The least any exact observation of the same workload adds (say, one `.then` per promise), written
   * out by hand with no counting at all: where a budget is below it, no design that keeps the program
   * unchanged can meet the budget.
   */
  floorNs?: number;
  /** The same workload tracked with an `async_hooks` hook recording every async resource (Clinic.js style). */
  asyncHooksNs?: number;
  /** The same workload with an `AsyncLocalStorage` context per operation (APM-agent style). */
  alsNs?: number;
  /** Spread of each variant over rounds: [min, max] ns/op. */
  spread?: Partial<Record<Variant, [number, number]>>;
  /**
   * Each variant's ratio to raw taken round by round (both timed within the same round, so slow phases
   * of a busy machine cancel out): the median and the interquartile range [p25, p75] over rounds.
   */
  ratios?: Partial<Record<Variant, { median: number; p25: number; p75: number }>>;
  /** Each variant's extra ns over raw, taken round by round like `ratios`: the median over rounds. */
  extras?: Partial<Record<Variant, number>>;
  /**
   * For costs that are not a wrapper's overhead (the server, the console): what `rawNs` measured, and
   * these results print in their own table, in milliseconds.
   */
  baseline?: string;
  /** What the budget allows for on/raw, if the issue set one. */
  budget?: { onRatio?: number; offRatio?: number; onExtraNs?: number };
  /** hotpath-rs's published cost for the same kind of work, printed beside ours (on − raw). */
  hotpathRs?: string;
}

/**
 * `BENCH_CLOCK=cpu` times each round by this process's CPU time (user + system, all its threads) rather
 * than the wall clock: on a machine whose cores other work shares, the wall clock also counts the time
 * the bench sat descheduled. Same as the wall clock for work that never waits; only for such workloads.
 */
export const cpuClock = process.env.BENCH_CLOCK === 'cpu';

/** Runs `ops` operations and resolves when done. */
export type Workload = (ops: number) => void | Promise<void>;

export interface BenchCase {
  name: string;
  ops: number;
  rounds?: number;
  /**
   * Grow `ops` (by a whole multiple) until one raw round takes at least this long: rounds of a
   * millisecond or less measure the scheduler more than the code.
   */
  minRoundMs?: number;
  variants: Partial<Record<Variant, Workload>> & { raw: Workload; on: Workload };
  budget?: BenchResult['budget'];
  hotpathRs?: string;
}

export async function measure(bench: BenchCase): Promise<BenchResult> {
  const rounds = bench.rounds ?? 15;
  const names = Object.keys(bench.variants) as Variant[];
  const samples = new Map<Variant, number[]>(names.map((name) => [name, []]));
  // Warm-up: let every variant reach optimised code before anything counts.
  for (const name of names) await bench.variants[name]!(Math.max(1, Math.floor(bench.ops / 4)));
  const ops = await calibrate(bench);
  // No forced gc() between samples: tried, it made every third round slow (a full collection clears weak
  // references out of optimised code, which then deoptimises), the very noise it was meant to remove.
  const time = async (name: Variant) => {
    if (cpuClock) {
      const started = process.cpuUsage();
      await bench.variants[name]!(ops);
      const used = process.cpuUsage(started);
      return ((used.user + used.system) * 1000) / ops;
    }
    const started = process.hrtime.bigint();
    await bench.variants[name]!(ops);
    return Number(process.hrtime.bigint() - started) / ops;
  };
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length]!;
      samples.get(name)!.push(await time(name));
    }
  }
  const medianOf = (name: Variant) => median(samples.get(name)!);
  const spread: BenchResult['spread'] = {};
  const ratios: BenchResult['ratios'] = {};
  const extras: BenchResult['extras'] = {};
  const raw = samples.get('raw')!;
  for (const name of names) {
    const values = samples.get(name)!;
    spread[name] = [Math.min(...values), Math.max(...values)];
    const perRound = values.map((value, round) => value / raw[round]!);
    ratios[name] = {
      median: median(perRound),
      p25: quantile(perRound, 0.25),
      p75: quantile(perRound, 0.75),
    };
    extras[name] = median(values.map((value, round) => value - raw[round]!));
  }
  return {
    name: bench.name,
    rawNs: medianOf('raw'),
    onNs: medianOf('on'),
    ...(samples.has('off') ? { offNs: medianOf('off') } : {}),
    ...(samples.has('log') ? { logNs: medianOf('log') } : {}),
    ...(samples.has('floor') ? { floorNs: medianOf('floor') } : {}),
    ...(samples.has('asyncHooks') ? { asyncHooksNs: medianOf('asyncHooks') } : {}),
    ...(samples.has('als') ? { alsNs: medianOf('als') } : {}),
    spread,
    ratios,
    extras,
    ...(bench.budget ? { budget: bench.budget } : {}),
    ...(bench.hotpathRs ? { hotpathRs: bench.hotpathRs } : {}),
  };
}

/** The `ops` per round: as given, or the smallest multiple of it whose raw round lasts `minRoundMs`. */
async function calibrate(bench: BenchCase): Promise<number> {
  if (bench.minRoundMs === undefined) return bench.ops;
  const started = process.hrtime.bigint();
  await bench.variants.raw(bench.ops);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const times = Math.max(1, Math.min(1000, Math.ceil(bench.minRoundMs / Math.max(ms, 1e-3))));
  if (times > 1) await bench.variants.raw(bench.ops * times);
  return bench.ops * times;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The value below which a fraction `q` of the values lie (nearest rank). */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!;
}

const signed = (ns: number) => `${ns < 0 ? '−' : '+'}${fmt(Math.abs(ns))}`;
const fmt = (ns: number | undefined) => (ns === undefined ? '-' : ns < 10 ? ns.toFixed(2) : ns.toFixed(1));
const ratio = (ns: number | undefined, raw: number) => (ns === undefined ? '-' : `${(ns / raw).toFixed(3)}×`);

/** A variant's ratio to raw: the per-round paired median where measured, else the ratio of medians. */
export function ratioOf(result: BenchResult, variant: Variant): number | undefined {
  const paired = result.ratios?.[variant]?.median;
  if (paired !== undefined) return paired;
  const ns =
    variant === 'on'
      ? result.onNs
      : variant === 'off'
        ? result.offNs
        : variant === 'floor'
          ? result.floorNs
          : result.logNs;
  return ns === undefined ? undefined : ns / result.rawNs;
}

/** A variant's extra ns over raw: the per-round paired median where measured, else the difference of medians. */
export function extraOf(result: BenchResult, variant: 'on' | 'floor'): number | undefined {
  const paired = result.extras?.[variant];
  if (paired !== undefined) return paired;
  const ns = variant === 'on' ? result.onNs : result.floorNs;
  return ns === undefined ? undefined : ns - result.rawNs;
}

const shownRatio = (result: BenchResult, variant: Variant) => {
  const value = ratioOf(result, variant);
  return value === undefined ? '-' : `${value.toFixed(3)}×`;
};

const iqr = (result: BenchResult, variant: Variant) => {
  const r = result.ratios?.[variant];
  return r === undefined ? '-' : `${r.p25.toFixed(2)}–${r.p75.toFixed(2)}`;
};

/**
 * A plain-text table of results, ns/op and ratios to raw, the absolute extra per operation beside
 * hotpath-rs's published figure for the same kind of work (M2 Pro, its README), and the budget verdicts.
 */
export function formatResults(results: BenchResult[]): string {
  const header = [
    'benchmark',
    'raw ns/op',
    'off ns/op',
    'on ns/op',
    'log ns/op',
    'off/raw',
    'on/raw',
    'on/raw p25–p75',
    'log/raw',
    'on−raw ns',
    'floor',
    'hotpath-rs',
    'budget',
  ];
  const rows = results
    .filter((r) => r.baseline === undefined && r.asyncHooksNs === undefined && r.alsNs === undefined)
    .map((r) => [
      r.name,
      fmt(r.rawNs),
      fmt(r.offNs),
      fmt(r.onNs),
      fmt(r.logNs),
      shownRatio(r, 'off'),
      shownRatio(r, 'on'),
      iqr(r, 'on'),
      shownRatio(r, 'log'),
      signed(extraOf(r, 'on')!),
      floorShown(r),
      r.hotpathRs ?? '',
      verdict(r),
    ]);
  return table(header, rows);
}

/** The floor in the budget's own terms: a ratio, or the extra ns when the budget is in ns. */
function floorShown(result: BenchResult): string {
  if (result.floorNs === undefined) return '';
  if (result.budget?.onExtraNs !== undefined) return signed(extraOf(result, 'floor')!);
  return shownRatio(result, 'floor');
}

/** Costs measured against a baseline of their own (server answers, console refreshes), in ms. */
export function formatBaselineResults(results: BenchResult[]): string {
  const ms = (ns: number) => (ns / 1e6).toFixed(2);
  const rows = results
    .filter((r) => r.baseline !== undefined)
    .map((r) => [r.name, r.baseline!, ms(r.rawNs), ms(r.onNs), `${(r.onNs / r.rawNs).toFixed(2)}×`]);
  if (rows.length === 0) return '';
  return table(['benchmark', 'baseline', 'baseline ms', 'ms', '×baseline'], rows);
}

/** hotpath next to the global-hook approaches, for the results that measured them. */
export function formatPeerResults(results: BenchResult[]): string {
  const header = [
    'workload',
    'raw ns/op',
    'hotpath on',
    'async_hooks',
    'AsyncLocalStorage',
    'on/raw',
    'hooks/raw',
    'als/raw',
  ];
  const rows = results
    .filter((r) => r.asyncHooksNs !== undefined || r.alsNs !== undefined)
    .map((r) => [
      r.name,
      fmt(r.rawNs),
      fmt(r.onNs),
      fmt(r.asyncHooksNs),
      fmt(r.alsNs),
      ratio(r.onNs, r.rawNs),
      ratio(r.asyncHooksNs, r.rawNs),
      ratio(r.alsNs, r.rawNs),
    ]);
  if (rows.length === 0) return '';
  return table(header, rows);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Marks a budget that the floor (see `floorNs`) is already over. */
export const BELOW_FLOOR = ' (budget < floor)';

export function verdict(result: BenchResult): string {
  const budget = result.budget;
  if (budget === undefined) return '';
  const checks: string[] = [];
  // Where the floor itself is over the budget, no exact design can meet it: the verdict says so.
  const judged = (over: boolean, floorOver: boolean, budgetText: string) =>
    `${over ? 'OVER' : 'ok'} ${budgetText}${floorOver ? BELOW_FLOOR : ''}`;
  if (budget.onRatio !== undefined) {
    const floor = ratioOf(result, 'floor');
    const over = ratioOf(result, 'on')! > budget.onRatio;
    checks.push(
      judged(over, floor !== undefined && floor > budget.onRatio, `on≤${Number(budget.onRatio.toFixed(2))}×`),
    );
  }
  if (budget.offRatio !== undefined && result.offNs !== undefined) {
    checks.push(`${ratioOf(result, 'off')! <= budget.offRatio ? 'ok' : 'OVER'} off≤${budget.offRatio}×`);
  }
  if (budget.onExtraNs !== undefined) {
    const floor = extraOf(result, 'floor');
    const over = extraOf(result, 'on')! > budget.onExtraNs;
    checks.push(judged(over, floor !== undefined && floor > budget.onExtraNs, `+≤${budget.onExtraNs}ns`));
  }
  return checks.join(', ');
}
