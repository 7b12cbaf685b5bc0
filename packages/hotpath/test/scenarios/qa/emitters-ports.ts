import { EventEmitter, on, once } from 'node:events';
import { BroadcastChannel, MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { channel } from '../../../src/index.ts';

const log = (...a: unknown[]) => console.log(...a);

// 1. once, prependListener, ordering, listener removed during emit
{
  const e = channel(new EventEmitter());
  e.on('x', (v) => log('1 on', v));
  e.prependListener('x', (v) => log('1 prepend', v));
  e.once('x', (v) => log('1 once', v));
  e.prependOnceListener('x', (v) => log('1 prependOnce', v));
  log('1 emit', e.emit('x', 1), e.emit('x', 2), e.emit('y'));
  log('1 counts', e.listenerCount('x'), e.eventNames(), e.rawListeners('x').length);
}
// 2. error with no listener
{
  const e = channel(new EventEmitter());
  try {
    e.emit('error', new Error('no listener'));
  } catch (err) {
    log('2 thrown', (err as Error).message);
  }
  try {
    e.emit('error', 'string err');
  } catch (err) {
    log('2 thrown', (err as Error).message);
  }
}
// 3. captureRejections
{
  const e = channel(new EventEmitter({ captureRejections: true }));
  e.on('error', (err) => log('3 error captured', err.message));
  e.on('x', async () => {
    throw new Error('async fail');
  });
  e.emit('x');
  await new Promise((r) => setTimeout(r, 5));
}
// 4. events.once / events.on
{
  const e = channel(new EventEmitter());
  setTimeout(() => e.emit('ready', 42, 43), 1);
  log('4 once', await once(e, 'ready'));
  const ac = new AbortController();
  setTimeout(() => {
    e.emit('tick', 1);
    e.emit('tick', 2);
    ac.abort();
  }, 1);
  try {
    for await (const v of on(e, 'tick', { signal: ac.signal })) log('4 on', v);
  } catch (err) {
    log('4 on end', (err as Error).name);
  }
}
// 5. EventEmitter subclass with own emit, this binding, return values
{
  class My extends EventEmitter {
    override emit(name: string | symbol, ...args: any[]) {
      log('5 own emit', String(name));
      return super.emit(name, ...args);
    }
  }
  const m = channel(new My());
  m.on('a', function (this: unknown) {
    log('5 this ok', this === m);
  });
  log('5 ret', m.emit('a'), m.emit('b'));
  const sym = Symbol('s');
  m.on(sym, () => log('5 sym'));
  m.emit(sym);
}
// 6. MessagePort close during traffic
{
  const mc = channel(new MessageChannel());
  const got: unknown[] = [];
  mc.port2.on('message', (m) => {
    got.push(m);
    if (m === 2) mc.port2.close();
  });
  mc.port2.on('close', () => log('6 port2 close'));
  mc.port1.on('close', () => log('6 port1 close'));
  for (let i = 0; i < 5; i++) mc.port1.postMessage(i);
  await new Promise((r) => setTimeout(r, 30));
  log('6 got', got);
  try {
    mc.port1.postMessage('late');
    log('6 post after close ok');
  } catch (e) {
    log('6', (e as Error).message);
  }
}
// 7. receiveMessageOnPort
{
  const { port1, port2 } = channel(new MessageChannel());
  port1.postMessage({ a: 1 });
  log('7', receiveMessageOnPort(port2), receiveMessageOnPort(port2));
  port1.close();
}
// 8. onmessage setter, addEventListener once
{
  const mc = new MessageChannel();
  channel(mc.port2);
  const done = new Promise<void>((res) => {
    mc.port2.addEventListener('message', (ev: any) => log('8 ael once', ev.data), { once: true });
    (mc.port2 as any).onmessage = (ev: any) => {
      log('8 onmessage', ev.data);
      if (ev.data === 'b') res();
    };
  });
  mc.port1.postMessage('a');
  mc.port1.postMessage('b');
  await done;
  mc.port1.close();
}
// 9. transfer
{
  const a = new MessageChannel();
  const b = channel(new MessageChannel());
  b.port2.on('message', (m) => {
    log('9 got transferred port', m.constructor.name);
    m.close();
    b.port2.close();
  });
  b.port1.postMessage(a.port1, [a.port1]);
  await new Promise((r) => setTimeout(r, 10));
  a.port2.close();
}
// 10. BroadcastChannel
{
  const b1 = channel(new BroadcastChannel('qa'));
  const b2 = new BroadcastChannel('qa');
  const p = new Promise<void>((res) => {
    b2.onmessage = (ev: any) => {
      log('10', ev.data);
      res();
    };
  });
  b1.postMessage('hi');
  await p;
  b1.close();
  b2.close();
}
log('done');
