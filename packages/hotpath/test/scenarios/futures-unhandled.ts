/**
 * Rejections through wrapped futures, one case per run (the first argument), for the off-vs-on
 * comparison: what Node reports as unhandled, with which reason, and how the process ends.
 */
import { future, futureFn } from '../../src/index.ts';

const log = (line: string) => process.stdout.write(`${line}\n`);
const later = () => new Promise((resolve) => setTimeout(resolve, 5));

if (process.argv.includes('--listen')) {
  process.on('unhandledRejection', (reason) => log(`unhandledRejection ${String(reason)}`));
  process.on('rejectionHandled', () => log('rejectionHandled'));
}

const failing = futureFn(async (why: string) => {
  await null;
  throw new Error(why);
});

switch (process.argv[2]) {
  case 'fn-unhandled':
    failing('nobody handles me');
    break;
  case 'thunk-unhandled':
    future(() => Promise.reject('a plain string reason'));
    break;
  case 'promise-unhandled':
    future(Promise.reject(new TypeError('raw promise, wrapped')));
    break;
  case 'handled': {
    try {
      await failing('awaited in try');
    } catch (error) {
      log(`caught ${(error as Error).message}`);
    }
    const pending = future(() => Promise.reject(new Error('handled in the same tick')));
    await null;
    pending.catch((error: Error) => log(`caught ${error.message}`));
    await later();
    log('end');
    break;
  }
  case 'handled-late': {
    const pending = failing('handled after a timer');
    await later();
    pending.catch((error: Error) => log(`caught late ${error.message}`));
    await later();
    log('end');
    break;
  }
  case 'original-only': {
    // The documented deviation: the original is handled, the promise future() returned is dropped.
    const original = Promise.reject(new Error('handled on the original'));
    future(original);
    original.catch((error: Error) => log(`caught ${error.message}`));
    await later();
    log('end');
    break;
  }
  default:
    throw new Error(`unknown case ${process.argv[2]}`);
}
