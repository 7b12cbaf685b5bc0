// One scripted Node-stream workload: backpressure, drain, byte mode, pipeline success and failure, destroy.
import { PassThrough, Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { channel } from '../../../src/index.ts';
import { finish, log, tick } from './trace.ts';

const pt = channel(new PassThrough({ objectMode: true, highWaterMark: 4 }), { label: 'passthrough' });
pt.on('drain', () => log('drain', pt.readableLength, pt.writableLength));
for (let i = 0; i < 10; i++) {
  const accepted = pt.write({ i });
  log('write', i, accepted);
  if (!accepted) break;
}
for (let i = 0; i < 8; i++) {
  log('read', pt.read());
  await tick();
}
pt.end();
await tick();
log('passthrough ended', pt.writableFinished, pt.readableEnded);

const bytes = channel(new PassThrough({ highWaterMark: 8 }), { label: 'bytes' });
log('bytes write', bytes.write('hello'), bytes.write(Buffer.from('world!')), bytes.write('x'));
log('bytes read', String(bytes.read(3)), bytes.readableLength, bytes.writableLength);
bytes.destroy();
await tick();

const paused = channel(new Readable({ objectMode: true, read() {} }), { label: 'paused' });
paused.push('a');
paused.push('b');
await tick();
log('paused', paused.readableFlowing, paused.listenerCount('data'), paused.readableLength);
paused.destroy(new Error('gave up'));
paused.on('error', (error) => log('paused error', error.message));
await tick();

const doubled: number[] = [];
await pipeline(
  Readable.from([1, 2, 3, 4, 5, 6]),
  channel(
    new Transform({
      objectMode: true,
      highWaterMark: 2,
      transform(chunk, _encoding, callback) {
        callback(null, chunk * 2);
      },
    }),
    { label: 'double' },
  ),
  channel(
    new Writable({
      objectMode: true,
      highWaterMark: 2,
      write(chunk, _encoding, callback) {
        doubled.push(chunk);
        setImmediate(callback);
      },
    }),
    { label: 'sink' },
  ),
);
log('pipeline done', doubled);

try {
  await pipeline(
    Readable.from([1, 2, 3, 4]),
    channel(
      new Transform({
        objectMode: true,
        transform(chunk, _encoding, callback) {
          if (chunk === 3) callback(new Error('boom'));
          else callback(null, chunk);
        },
      }),
      { label: 'failing' },
    ),
    new Writable({
      objectMode: true,
      write(chunk, _encoding, callback) {
        log('failing sink', chunk);
        callback();
      },
    }),
  );
} catch (error) {
  log('pipeline failed', (error as Error).message);
}
await tick();
finish();
