// What hotpath does with monitoring off (or on): identity, and no listeners or handles added.
import * as hotpath from '../../src/index.ts';
import { bounded, oneshot } from '../../src/primitives/index.ts';

const before = { exit: process.listenerCount('exit'), sigint: process.listenerCount('SIGINT') };
const pair = bounded<number>(2);
const shot = oneshot<number>();
async function* items() {
  yield 1;
}
const source = items();
const result = {
  enabled: hotpath.enabled,
  samePair: hotpath.channel(pair) === pair,
  sameOneshot: hotpath.channel(shot) === shot,
  sameStream: hotpath.stream(source) === source,
  futureOfPromise: await hotpath.future(Promise.resolve(7)),
  futureOfThunk: await hotpath.future(() => Promise.resolve(8)),
  exitListenersAdded: process.listenerCount('exit') - before.exit,
  sigintListenersAdded: process.listenerCount('SIGINT') - before.sigint,
  channelsInSnapshot: hotpath.snapshot().channels.length,
};
console.log(JSON.stringify(result));
