import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ChannelRow } from '../../src/types.ts';
import { runScript, scenarios } from '../helpers/run-script.ts';

/**
 * Each kind's scripted workload runs in two child processes, monitoring off and on. The program's own
 * trace (values, order, return values, events, errors) must be identical; the rows the on-run ends with
 * must tell the truth about what happened.
 */
async function offAndOn(kind: string) {
  const file = scenarios(`channel-kinds/${kind}.ts`);
  const env = { HOTPATH_REPORT: 'off' };
  const [off, on] = await Promise.all([runScript(file, env), runScript(file, { ...env, HOTPATH: '1' })]);
  assert.equal(off.code, 0, off.stderr);
  assert.equal(on.code, 0, on.stderr);
  assert.equal(on.stdout, off.stdout, 'the program behaved differently with monitoring on');
  assert.ok(off.stdout.split('\n').length > 5, 'the scenario traced something');
  const rowsLine = (stderr: string) => stderr.split('\n').find((line) => line.startsWith('ROWS '))!;
  assert.deepEqual(JSON.parse(rowsLine(off.stderr).slice(5)), [], 'nothing is monitored when off');
  const rows = JSON.parse(rowsLine(on.stderr).slice(5)) as ChannelRow[];
  const row = (label: string) => {
    const found = rows.find((candidate) => candidate.label === label);
    assert.ok(found, `no row ${label} in ${rows.map((r) => r.label).join(', ')}`);
    return found;
  };
  return { trace: off.stdout, row };
}

const counts = (row: ChannelRow) => [row.state, row.sent, row.received, row.queued];

describe('differential: the same script with monitoring off and on', () => {
  test('node streams', async () => {
    const { trace, row } = await offAndOn('node-stream');
    assert.match(trace, /write 6 false\n/, 'the 7th write into PassThrough(hwm 4) meets backpressure');
    assert.match(trace, /pipeline failed boom/);
    assert.deepEqual(counts(row('passthrough')), ['closed', 7, 7, 0]);
    assert.deepEqual(counts(row('double')), ['closed', 6, 6, 0]);
    assert.deepEqual(counts(row('sink')), ['closed', 6, 6, 0]);
    assert.deepEqual(counts(row('failing')), ['errored', 3, 2, 0]);
    assert.deepEqual(counts(row('paused')), ['errored', 2, 0, 2]);
    // 12 bytes written in 3 chunks, 3 bytes read: 9 bytes in 3 chunks left when it was destroyed.
    assert.deepEqual([...counts(row('bytes')), row('bytes').queuedBytes], ['closed', 3, 1, 3, 9]);
    assert.equal(row('passthrough').capacity, 8);
    assert.equal(row('passthrough').kind, 'node-stream');
  });

  test('WHATWG streams', async () => {
    const { trace, row } = await offAndOn('web-stream');
    assert.match(trace, /accepted before ready stopped resolving 5\n/);
    assert.match(trace, /ready after one read true\n/);
    assert.deepEqual(counts(row('backpressure')), ['closed', 5, 5, 0]);
    assert.deepEqual(counts(row('upper')), ['closed', 4, 4, 0]);
    assert.deepEqual(counts(row('pipeTo')), ['closed', 5, 5, 0]);
    assert.deepEqual(counts(row('failing')), ['errored', 4, 2, 0]);
    assert.deepEqual(counts(row('cancelled')), ['closed', 1, 0, 0]);
    assert.deepEqual(counts(row('aborted')), ['errored', 0, 0, 0]);
    assert.equal(row('upper').kind, 'web-stream');
  });

  test('message ports', async () => {
    const { trace, row } = await offAndOn('message-port');
    assert.match(trace, /on \{"i":2\}\naddEventListener \{"i":2\}\n/);
    // Two listeners on port2 and onmessage on port1: each message counts once, in both directions.
    assert.deepEqual(counts(row('listened')), ['closed', 5, 5, 0]);
    assert.deepEqual(counts(row('polled')), ['closed', 2, 2, 0]);
    assert.match(trace, /transferred away 0\npostMessage\(\) throws ERR_MISSING_ARGS\n/);
    assert.deepEqual(counts(row('single port')), ['closed', 2, 0, 0]);
    assert.deepEqual(counts(row('broadcast')), ['closed', 1, 1, 0]);
  });

  test('event emitters', async () => {
    const { trace, row } = await offAndOn('event-emitter');
    assert.match(trace, /error thrown to the emitter unhandled/);
    assert.match(trace, /listeners \["tick","done"\] 2/, 'no listener of ours shows up');
    assert.deepEqual(counts(row("bus 'tick'")), ['active', 3, 7, 0]);
    assert.deepEqual(counts(row("bus 'nobody'")), ['active', 1, 0, 0]);
    assert.deepEqual(counts(row("bus 'done'")), ['active', 1, 1, 0]);
    assert.deepEqual(counts(row("bus 'error'")), ['active', 1, 0, 0]);
  });

  test('push/next queues (it-pushable, async-channel)', async () => {
    const { trace, row } = await offAndOn('push-queue');
    assert.match(trace, /pushable consumed \[1,2,3\]/);
    assert.match(trace, /rest after close \[3,4\] true/);
    assert.deepEqual(counts(row('pushable')), ['closed', 3, 3, 0]);
    assert.deepEqual(counts(row('pushable failed')), ['errored', 1, 0, 0]);
    assert.deepEqual(counts(row('async-channel')), ['closed', 4, 4, 0]);
    assert.equal(row('async-channel').type, 'bounded[2]');
  });
});
