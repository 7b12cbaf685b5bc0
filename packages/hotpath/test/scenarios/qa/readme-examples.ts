// The README's code examples, with its `…` placeholders filled in, run against the built package as a user imports it.
import { Readable, Transform } from 'node:stream';
import {
  ChannelClosedError,
  channel,
  enabled,
  future,
  futureFn,
  main,
  serverUrl,
  snapshot,
  start,
  stream,
} from 'hotpath';
import { bounded, oneshot, unbounded } from 'hotpath/channels';
import { monitored, stream as rxStream } from 'hotpath/rxjs';
import { interval, Subject, take } from 'rxjs';

const log = (...a: unknown[]) => console.log(...a);
type Job = { id: number };
type Row = { id: number };

// Top of the README
{
  const [tx, rx] = channel(bounded<Job>(100), { label: 'jobs' });
  await tx.send({ id: 1 });
  log('jobs', (await rx.recv())?.id);
  const transform = (c: Buffer, _e: BufferEncoding, cb: (e: null, c: string) => void) =>
    cb(null, c.toString().toUpperCase());
  const upper = channel(new Transform({ transform }), { label: 'upper' });
  upper.end('abc');
  for await (const c of upper) log('upper', c.toString());
  async function* readRows() {
    yield { id: 1 };
    yield { id: 2 };
  }
  for await (const row of stream(readRows(), { label: 'rows' })) log('row', row.id);
  const fetchUser = async (id: number) => ({ id });
  const user = await future(fetchUser(7), { label: 'fetchUser' });
  log('user', user.id);
}
// hotpath/channels
{
  const [tx, rx] = bounded<number>(10);
  await tx.send(1);
  log('trySend', tx.trySend(2));
  log('recv', await rx.recv());
  log('tryRecv', rx.tryRecv(), rx.tryRecv());
  tx.send(3);
  tx.close();
  for await (const v of rx) log('for await', v);
  try {
    bounded(0);
  } catch (e) {
    log('bounded(0)', (e as Error).constructor.name);
  }
  const [tx2, rx2] = unbounded<number>();
  rx2.close();
  try {
    await tx2.send(1);
  } catch (e) {
    log('send after rx.close', e instanceof ChannelClosedError);
  }
  const [otx, orx] = oneshot<string>();
  otx.send('done');
  log('oneshot', await orx);
  const [otx2, orx2] = oneshot<string>();
  otx2.close();
  try {
    await orx2;
  } catch (e) {
    log('oneshot closed', e instanceof ChannelClosedError);
  }
}
// stream()
{
  const r = stream(Readable.from(['l1', 'l2']), { log: true });
  for await (const line of r) log('line', line);
  const body = stream(new Response('hello').body!, { label: 'body' });
  log('body', await new Response(body).text());
  const clicks$ = new Subject<number>();
  rxStream(clicks$, { label: 'clicks' }).subscribe((v) => log('click', v));
  clicks$.next(1);
  clicks$.complete();
  const ticks$ = interval(1).pipe(take(2));
  await new Promise<void>((res) =>
    ticks$.pipe(monitored({ label: 'ticks' })).subscribe({ next: (v) => log('tick', v), complete: res }),
  );
}
// futures
{
  const cache = new Map<string, string>();
  const fetchRemote = async (key: string) => `remote ${key}`;
  const load = futureFn(async (key: string) => cache.get(key) ?? (await fetchRemote(key)), { log: true });
  log('load', await load('k'));
  const db = { query: async (sql: string) => [sql] };
  const rows = await future(() => db.query('select 1'), { log: true });
  log('rows', rows);
  class Repo {
    @futureFn()
    async find(id: number) {
      return { id };
    }
    @futureFn({ log: true, label: 'Repo.save' })
    async save(row: Row) {
      return row.id;
    }
  }
  const repo = new Repo();
  log('repo', (await repo.find(1)).id, await repo.save({ id: 2 }));
  const controller = new AbortController();
  const longTask = (signal: AbortSignal) =>
    new Promise((res) => {
      const t = setTimeout(res, 1000);
      signal.addEventListener('abort', () => {
        clearTimeout(t);
        res('aborted');
      });
    });
  const p = future(longTask(controller.signal), { signal: controller.signal });
  controller.abort();
  log('long', await p);
}
// reports
{
  log('main ->', await main(async () => 42, { format: 'table', output: { write: () => true } as any }));
  let out = '';
  const guard = start({
    sections: ['channels'],
    format: 'json-pretty',
    output: {
      write: (t: string) => {
        out += t;
        return true;
      },
    } as any,
  });
  await guard.stop();
  if (enabled) log('guard json keys', Object.keys(JSON.parse(out)).join(','));
  {
    await using g = start({ output: { write: () => true } as any });
    void g;
  }
  const s = snapshot();
  // `runtime` is there only while monitoring is on (the sampler runs); the rest of the shape is the same.
  log(
    'snapshot keys',
    Object.keys(s)
      .filter((key) => key !== 'runtime')
      .join(','),
  );
  if (enabled && s.runtime === undefined) log('runtime missing while on');
  if (enabled) {
    log(
      'futures',
      s.futures
        .map((f) => `${f.label}:${f.calls}/${f.resolved}/${f.cancelled}`)
        .sort()
        .join(' '),
    );
    log(
      'streams',
      s.streams
        .map((r) => `${r.label}:${r.yielded}:${r.state}`)
        .sort()
        .join(' '),
    );
  }
  log('serverUrl', await serverUrl());
}
