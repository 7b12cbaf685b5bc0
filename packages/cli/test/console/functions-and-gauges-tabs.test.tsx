import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { FunctionRow, GaugeRow } from 'hotpath';
import {
  CannedSource,
  functionRow as cannedFunctionRow,
  gaugeRow as cannedGaugeRow,
  snapshot,
} from '../helpers/canned.ts';
import { type Console, renderConsole } from '../helpers/ink.ts';

let open: Console | null = null;
afterEach(() => {
  open?.unmount();
  open = null;
});

// The shared builders, with this file's defaults: one function `parse`, one gauge `depth`.
const functionRow = (fields: Partial<FunctionRow>): FunctionRow =>
  cannedFunctionRow({ id: 1, label: 'parse', source: 'app/parse.ts:3', hasCustomLabel: true, ...fields });
const gaugeRow = (fields: Partial<GaugeRow>): GaugeRow =>
  cannedGaugeRow({ id: 1, label: 'depth', ...fields });

test('tab 5 shows function timing, tab 6 gauges and values; Tab cycles through them', async () => {
  const source = new CannedSource(
    snapshot({
      functions: [
        functionRow({
          id: 1,
          label: 'parse',
          calls: 1234,
          errors: 5,
          p50Ms: 0.5,
          p99Ms: 2,
          totalMs: 800,
          percentOfWall: 8,
        }),
        functionRow({ id: 2, label: 'load rows', kind: 'block', calls: 7 }),
      ],
      gauges: [
        gaugeRow({ id: 1, label: 'depth', value: 7, message: '7', min: 3, max: 9, updates: 4 }),
        gaugeRow({ id: 2, label: 'last user', kind: 'val', message: '{ id: 7 }', updates: 2 }),
      ],
    }),
  );
  open = renderConsole({ source });
  let frame = await open.refresh();
  assert.match(frame, /\[5\] Functions \(2\)/);
  assert.match(frame, /\[6\] Gauges \(2\)/);

  frame = await open.press('5');
  assert.match(frame, /\[5\] Functions \(2\)\*/);
  assert.match(frame, /% Total/);
  assert.match(open.rows()[0]!, /^parse\s+1234\s+5\s/);
  assert.match(open.rows()[0]!, /8\.00%/);
  assert.match(open.rows()[1]!, /^load rows\s+7\s+0\s/);

  frame = await open.press('6');
  assert.match(frame, /\[6\] Gauges \(2\)\*/);
  assert.match(open.rows()[0]!, /^depth\s+gauge\s+7\s+3\s+9\s+4/);
  assert.match(open.rows()[1]!, /^last user\s+val\s+\{ id: 7 \}/);
});

test('the logs panel of a function lists its logged return values, of a gauge its updates', async () => {
  const source = new CannedSource(
    snapshot({
      functions: [functionRow({ id: 4, label: 'double', calls: 2 })],
      gauges: [gaugeRow({ id: 9, label: 'depth', value: 2, message: '2', updates: 2 })],
    }),
  );
  source.details.set('functions:4', {
    id: 4,
    logs: [
      { index: 2, timestampMs: 9000, message: '84' },
      { index: 1, timestampMs: 8000, message: '42' },
    ],
  });
  source.details.set('gauges:9', { id: 9, logs: [{ index: 2, timestampMs: 9500, message: '2' }] });
  open = renderConsole({ source });
  await open.refresh();
  await open.press('5');
  await open.press('o');
  let frame = await open.refresh();
  assert.match(frame, /Returned/);
  assert.match(frame, /#2 .*84/);
  // The panel stays open across tabs and shows the selected gauge's updates.
  await open.press('6');
  frame = await open.refresh();
  assert.match(frame, /Update/);
  assert.match(frame, /#2 .*\b2\b/);
});

test('an empty functions tab says how to measure something', async () => {
  open = renderConsole({ source: new CannedSource(snapshot({})) });
  await open.refresh();
  const frame = await open.press('5');
  assert.match(frame, /measure\(…\)/);
});
