import { bounded, ChannelClosedError, oneshot, unbounded } from 'hotpath/channels';

const [tx, rx] = bounded(10); // capacity: an integer >= 1, else RangeError
await tx.send(1); // waits while full; rejects ChannelClosedError once closed
console.log('trySend', tx.trySend(2)); // false when full; throws ChannelClosedError once closed
console.log('recv', await rx.recv()); // the next value; undefined once closed and drained
console.log('tryRecv', rx.tryRecv(), rx.tryRecv()); // a buffered value or undefined, never waits
await tx.send(3);
tx.close(); // no more sends; the receiver drains what is queued
for await (const value of rx) console.log('for await', value); // ends once closed and drained

const [tx2, rx2] = unbounded();
rx2.close(); // waiting and later sends reject at once
await tx2.send(1).catch((error) => console.log('send after close', error instanceof ChannelClosedError));

const [otx, orx] = oneshot();
otx.send('done'); // once; throws ChannelClosedError if the receiver closed
console.log('oneshot', await orx); // rejects ChannelClosedError if otx.close() came first
