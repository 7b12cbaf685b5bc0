/** Rows of every kind, some matching the focus `/^(hot|kept)/`; prints the snapshot as one JSON line. */
import { EventEmitter } from 'node:events';
import { channel, future, gauge, measure, measureBlock, snapshot } from '../../src/index.ts';

measure(function hot() {}, { label: 'hot' })();
measure(function cold() {}, { label: 'cold' })();
measureBlock('dropped block', () => 1);
gauge('kept-gauge', 1);
gauge('dropped-gauge', 2);
await future(Promise.resolve(1), { label: 'kept-future' });
await future(Promise.resolve(1), { label: 'dropped-future' });
channel(new EventEmitter(), { label: 'dropped-channel' }).emit('x');
console.log(JSON.stringify(snapshot()));
