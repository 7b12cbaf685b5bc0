import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const scenario = fileURLToPath(new URL('../scenarios/soak.ts', import.meta.url));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

test('the demo pipeline monitored for a minute, an /events subscriber attached: the heap after GC stays flat', {
  timeout: 120_000,
}, async () => {
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', scenario, '60'], {
      env: {
        ...process.env,
        HOTPATH: '1',
        HOTPATH_REPORT: 'off',
        HOTPATH_METRICS_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`exit ${code}\n${stdout}\n${stderr}`)),
    );
  });
  const { samples, events } = JSON.parse(output.trim().split('\n').at(-1)!) as {
    samples: { atMs: number; heapMB: number }[];
    events: number;
  };
  assert.ok(events > 300, `the subscriber got ${events} events in a minute at 100 ms`);
  assert.equal(samples.length, 12);
  const heap = samples.map((sample) => sample.heapMB);
  // The first quarter minute warms up (code, rows, log rings filling); after that nothing may pile up.
  const early = median(heap.slice(2, 5));
  const late = median(heap.slice(-3));
  assert.ok(
    late - early < 3,
    `heap grew from ${early.toFixed(1)} MB to ${late.toFixed(1)} MB: ${heap.map((h) => h.toFixed(1)).join(', ')}`,
  );
});
