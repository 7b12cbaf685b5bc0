import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { runScript, scenarios } from '../helpers/run-script.ts';
import { rowOf, watch } from './watch.ts';

describe('message ports: lifetime and counting', () => {
  test('a monitored port does not keep the process alive', async () => {
    const file = scenarios('channel-kinds/port-lifetime.ts');
    const env = { HOTPATH_REPORT: 'off' };
    const [off, on] = await Promise.all([
      runScript(file, env, { timeoutMs: 15_000 }),
      runScript(file, { ...env, HOTPATH: '1' }, { timeoutMs: 15_000 }),
    ]);
    assert.equal(off.code, 0, off.stderr);
    assert.equal(on.code, 0, on.stderr);
    assert.equal(on.stdout, off.stdout);
  });

  test('a listener removed with off() or removeEventListener is really removed', async () => {
    const channel = watch(new MessageChannel(), 'port-removal');
    const seen: unknown[] = [];
    const listener = (value: unknown) => seen.push(value);
    channel.port2.on('message', listener);
    assert.equal(channel.port2.listenerCount('message'), 1);
    channel.port2.off('message', listener);
    assert.equal(channel.port2.listenerCount('message'), 0);
    const handler = { handleEvent: (event: MessageEvent) => seen.push(event.data) };
    channel.port2.addEventListener('message', handler);
    channel.port2.addEventListener('message', handler);
    channel.port1.postMessage('once');
    await new Promise((resolve) => setTimeout(resolve, 20));
    channel.port2.removeEventListener('message', handler);
    channel.port1.postMessage('not delivered');
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(seen, ['once']);
    assert.deepEqual([rowOf('port-removal').sent, rowOf('port-removal').received], [2, 1]);
    assert.equal(rowOf('port-removal').queued, 1);
    assert.equal(receiveMessageOnPort(channel.port2)?.message, 'not delivered');
    assert.equal(rowOf('port-removal').queued, 0);
    channel.port1.close();
  });
});
