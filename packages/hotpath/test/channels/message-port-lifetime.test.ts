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

  test('once listeners and listeners removed by an AbortSignal leave the count exact', async () => {
    const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
    const once = watch(new MessageChannel(), 'port-once');
    const seen: unknown[] = [];
    once.port2.once('message', (value) => seen.push(`once ${value}`));
    once.port2.on('message', (value) => seen.push(`on ${value}`));
    for (let i = 0; i < 3; i++) once.port1.postMessage(i);
    await settle();
    assert.deepEqual(seen, ['once 0', 'on 0', 'on 1', 'on 2']);
    assert.deepEqual([rowOf('port-once').sent, rowOf('port-once').received], [3, 3]);
    once.port1.close();

    const signalled = watch(new MessageChannel(), 'port-signal');
    const abort = new AbortController();
    signalled.port2.addEventListener('message', () => seen.push('signalled'), { signal: abort.signal });
    signalled.port1.postMessage('a');
    await settle();
    abort.abort();
    signalled.port2.addEventListener('message', () => seen.push('later'));
    signalled.port1.postMessage('b');
    signalled.port1.postMessage('c');
    await settle();
    assert.deepEqual(seen.slice(4), ['signalled', 'later', 'later']);
    assert.deepEqual([rowOf('port-signal').sent, rowOf('port-signal').received], [3, 3]);
    signalled.port1.close();
  });
});
