/**
 * Side-by-side measurement: every variant of a workload runs in the same process, interleaved round by
 * round (the order rotates each round), so that JIT warm-up, GC and machine noise fall on all of them
 * alike. Results are medians over rounds, with the spread, and ratios to the raw primitive.
 */
export type Variant = 'raw' | 'off' | 'on' | 'log' | 'asyncHooks' | 'als';

/** The peer approaches: how global-hook tools (Clinic.js, APM agents) track the same workload. */
export const peerVariants = ['asyncHooks', 'als'] as const;

export interface BenchResult {
  name: string;
  rawNs: number;
  offNs?: number;
  onNs: number;
  logNs?: number;
  /** The same workload tracked with an `async_hooks` hook recording every async resource (Clinic.js style). */
  asyncHooksNs?: number;
  /** The same workload with an `AsyncLocalStorage` context per operation (APM-agent style). */
  alsNs?: number;
  /** Spread of each variant over rounds: [min, max] ns/op. */
  spread?: Partial<Record<Variant, [number, number]>>;
  /**
   * For costs that are not a wrapper's overhead (the server, the console): what `rawNs` measured, and
   * these results print in their own table, in milliseconds.
   */
  baseline?: string;
  /** What the budget allows for on/raw, if the issue set one. */
  budget?: { onRatio?: number; offRatio?: number; onExtraNs?: number };
}

/** Runs `ops` operations and resolves when done. */
export type Workload = (ops: number) => void | Promise<void>;

export interface BenchCase {
  name: string;
  ops: number;
  rounds?: number;
  variants: Partial<Record<Variant, Workload>> & { raw: Workload; on: Workload };
  budget?: BenchResult['budget'];
}

export async function measure(bench: BenchCase): Promise<BenchResult> {
  const rounds = bench.rounds ?? 15;
  const names = Object.keys(bench.variants) as Variant[];
  const samples = new Map<Variant, number[]>(names.map((name) => [name, []]));
  // Warm-up: let every variant reach optimised code before anything counts.
  for (const name of names) await bench.variants[name]!(Math.max(1, Math.floor(bench.ops / 4)));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length]!;
      const started = process.hrtime.bigint();
      await bench.variants[name]!(bench.ops);
      const elapsed = Number(process.hrtime.bigint() - started);
      samples.get(name)!.push(elapsed / bench.ops);
    }
  }
  const medianOf = (name: Variant) => median(samples.get(name)!);
  const spread: BenchResult['spread'] = {};
  for (const name of names) {
    const values = samples.get(name)!;
    spread[name] = [Math.min(...values), Math.max(...values)];
  }
  return {
    name: bench.name,
    rawNs: medianOf('raw'),
    onNs: medianOf('on'),
    ...(samples.has('off') ? { offNs: medianOf('off') } : {}),
    ...(samples.has('log') ? { logNs: medianOf('log') } : {}),
    ...(samples.has('asyncHooks') ? { asyncHooksNs: medianOf('asyncHooks') } : {}),
    ...(samples.has('als') ? { alsNs: medianOf('als') } : {}),
    spread,
    ...(bench.budget ? { budget: bench.budget } : {}),
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const fmt = (ns: number | undefined) => (ns === undefined ? '-' : ns < 10 ? ns.toFixed(2) : ns.toFixed(1));
const ratio = (ns: number | undefined, raw: number) => (ns === undefined ? '-' : `${(ns / raw).toFixed(3)}×`);

/** A plain-text table of results, ns/op and ratios to raw, with the budget verdicts. */
export function formatResults(results: BenchResult[]): string {
  const header = [
    'benchmark',
    'raw ns/op',
    'off ns/op',
    'on ns/op',
    'log ns/op',
    'off/raw',
    'on/raw',
    'log/raw',
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
      ratio(r.offNs, r.rawNs),
      ratio(r.onNs, r.rawNs),
      ratio(r.logNs, r.rawNs),
      verdict(r),
    ]);
  return table(header, rows);
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

export function verdict(result: BenchResult): string {
  const budget = result.budget;
  if (budget === undefined) return '';
  const checks: string[] = [];
  if (budget.onRatio !== undefined) {
    checks.push(`${result.onNs / result.rawNs <= budget.onRatio ? 'ok' : 'OVER'} on≤${budget.onRatio}×`);
  }
  if (budget.offRatio !== undefined && result.offNs !== undefined) {
    checks.push(`${result.offNs / result.rawNs <= budget.offRatio ? 'ok' : 'OVER'} off≤${budget.offRatio}×`);
  }
  if (budget.onExtraNs !== undefined) {
    checks.push(`${result.onNs - result.rawNs <= budget.onExtraNs ? 'ok' : 'OVER'} +≤${budget.onExtraNs}ns`);
  }
  return checks.join(', ');
}
