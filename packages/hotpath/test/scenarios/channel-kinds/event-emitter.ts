// One scripted EventEmitter workload: several event names, once listeners, return values, an unhandled 'error'.
import { EventEmitter } from 'node:events';
import { channel } from '../../../src/index.ts';
import { finish, log } from './trace.ts';

const emitter = channel(new EventEmitter(), { label: 'bus' });
emitter.on('tick', (n) => log('first', n));
emitter.on('tick', (n) => log('second', n));
emitter.once('tick', (n) => log('once', n));
for (let i = 0; i < 3; i++) log('emit tick', emitter.emit('tick', i));
log('emit nobody', emitter.emit('nobody'));
emitter.prependListener('done', function (this: unknown) {
  log('this is the emitter', this === emitter);
});
log('emit done', emitter.emit('done', 'x', 'y'));
try {
  emitter.emit('error', new Error('unhandled'));
} catch (error) {
  log('error thrown to the emitter', (error as Error).message);
}
log('listeners', emitter.eventNames(), emitter.listenerCount('tick'));
finish();
