import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { NAMED_EVENT_ROWS } from '../../src/channels/event-emitter.ts';
import { channelRegistry } from '../../src/registry/channels.ts';
import { watch } from './watch.ts';

test('an emitter with ever-new event names keeps a bounded number of rows, totals exact', () => {
  const emitter = watch(new EventEmitter(), 'dynamic-names');
  let delivered = 0;
  emitter.on('user:7', () => delivered++);
  for (let i = 0; i < 20_000; i++) emitter.emit(`user:${i}`, i);
  emitter.emit('user:7', 7);
  const rows = channelRegistry.rows().filter((row) => row.label.startsWith('dynamic-names'));
  assert.equal(rows.length, NAMED_EVENT_ROWS + 1, 'the named rows, then one row for the rest');
  assert.equal(
    rows.reduce((sum, row) => sum + row.sent, 0),
    20_001,
  );
  assert.equal(
    rows.reduce((sum, row) => sum + row.received, 0),
    delivered,
  );
  const others = rows.find((row) => row.label.includes('(other events)'));
  assert.equal(others?.sent, 20_000 - NAMED_EVENT_ROWS);
  const named = rows.find((row) => row.label.includes("'user:7'"));
  assert.equal(named?.sent, 2, 'a name that has its own row keeps counting there');
});
