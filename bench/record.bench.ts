/**
 * What recording (`HOTPATH_RECORD`) costs the demo pipeline, and how big its file grows. In one process,
 * the demo runs monitored; windows with a recorder running at the default 1 s interval alternate with
 * windows without, and the CPU time (user + system) of each is compared as a share of one core. The
 * time one frame takes (snapshot, delta, logs, gzip, write) is also timed directly, and the file's bytes
 * per keyframe and per delta give the size of a one-hour recording. Budgets: under 2 % of a core; an
 * hour under the default 100 MB cap.
 *
 *   npm run build && node --import tsx bench/record.bench.ts
 */
import { mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BenchResult } from './harness.ts';
import { median } from './harness.ts';

process.env.HOTPATH = '1';
process.env.HOTPATH_METRICS_SERVER_OFF = '1';
process.env.HOTPATH_REPORT = 'off';

const INTERVAL_MS = 1000;
const WINDOW_MS = 3000;
const ROUNDS = 4;
const BUDGET_PERCENT = 2;
const CAP_BYTES = 100 * 1024 * 1024;

function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

export async function run(): Promise<BenchResult[]> {
  // The built library, as the demo itself loads it: one registry shared by the pipeline and the recorder.
  const { startPipeline } = await import('../packages/cli/dist/demo/pipeline.js');
  const { Recorder, KEYFRAME_EVERY } = await import('../packages/hotpath/dist/record/recorder.js');
  const dir = mkdtempSync(join(tmpdir(), 'hotpath-record-bench-'));
  const controller = new AbortController();
  void startPipeline(controller.signal);
  await sleep(1000);

  const options = { path: join(dir, 'run.gz'), maxMb: 100, intervalMs: INTERVAL_MS, logsLimit: 50 };
  const gzip = (text: string) => gzipSync(text);
  const open = (name: string) => {
    const fd = openSync(join(dir, name), 'w');
    return { recorder: new Recorder(fd, { ...options, path: join(dir, name) }, gzip, () => {}) };
  };

  const window = async (recording: boolean, round: number): Promise<number> => {
    const opened = recording ? open(`window-${round}.gz`) : null;
    const before = cpuMicros();
    const started = performance.now();
    await sleep(WINDOW_MS);
    const cpu = cpuMicros() - before;
    const wall = performance.now() - started;
    opened?.recorder.finish();
    return (cpu / 1000 / wall) * 100;
  };
  const on: number[] = [];
  const off: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which goes first, so a slow phase of the machine does not favour one side.
    if (round % 2 === 0) {
      on.push(await window(true, round));
      off.push(await window(false, round));
    } else {
      off.push(await window(false, round));
      on.push(await window(true, round));
    }
  }

  // One frame timed directly, and the sizes of keyframes and deltas, one second apart as at the default.
  const { recorder } = open('sizes.gz');
  const frameMs: number[] = [];
  const deltaBytes: number[] = [];
  for (let tick = 1; tick <= 12; tick++) {
    await sleep(INTERVAL_MS);
    const bytes = recorder.bytes;
    const started = performance.now();
    recorder.recordFrame();
    frameMs.push(performance.now() - started);
    deltaBytes.push(recorder.bytes - bytes);
  }
  // The final frame is a keyframe: its bytes are a keyframe's size.
  const beforeFinal = recorder.bytes;
  recorder.finish();
  const keyframe = statSync(join(dir, 'sizes.gz')).size - beforeFinal;
  controller.abort();

  const delta = median(deltaBytes);
  const framesPerHour = 3600_000 / INTERVAL_MS;
  const hourBytes = (framesPerHour / KEYFRAME_EVERY) * keyframe + framesPerHour * delta;
  const cost = median(on.map((value, i) => value - off[i]!));
  const direct = (median(frameMs) / INTERVAL_MS) * 100;
  console.log(`Recording the demo at ${INTERVAL_MS} ms, ${ROUNDS} rounds of ${WINDOW_MS} ms windows`);
  console.log(
    `  CPU with recording: median ${median(on).toFixed(2)} % of one core; without: ${median(off).toFixed(2)} %`,
  );
  console.log(`  difference: ${cost.toFixed(2)} % of one core (noisy: the demo's own load varies)`);
  console.log(
    `  one frame: median ${median(frameMs).toFixed(2)} ms = ${direct.toFixed(3)} % of one core at ${INTERVAL_MS} ms (budget < ${BUDGET_PERCENT} %: ${direct < BUDGET_PERCENT ? 'met' : 'MISSED'})`,
  );
  console.log(
    `  file: keyframe ~${keyframe} B, delta median ${delta} B; one hour ≈ ${(hourBytes / 1024 / 1024).toFixed(1)} MB (cap 100 MB: ${hourBytes < CAP_BYTES ? 'met' : 'MISSED'})`,
  );
  rmSync(dir, { recursive: true, force: true });
  return [];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await run();
  process.exit(0);
}
