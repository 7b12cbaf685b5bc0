/**
 * Decorated methods that check everything a wrapper could get wrong: `this`, the arguments, the return
 * value, a synchronous throw, `length` and `name`. Compiled with standard decorators by default, with
 * `experimentalDecorators` when run under this folder's tsconfig (TSX_TSCONFIG_PATH). Prints one JSON line.
 */
import { futureFn, snapshot } from '../../../src/index.ts';

let dialect = 'none';
/** Tells which decorator dialect the compiler used: the legacy one passes three arguments. */
function probe(...args: any[]): void {
  dialect = args.length === 3 ? 'experimentalDecorators' : 'standard';
}

class Account {
  constructor(readonly owner: string) {}

  @futureFn({ log: true })
  async greet(greeting: string, punctuation: string): Promise<string> {
    await null;
    return `${greeting}, ${this.owner}${punctuation}`;
  }

  @probe
  @futureFn()
  failsAtOnce(reason: string): Promise<never> {
    throw new RangeError(reason);
  }
}

const account = new Account('Ada');
const proto = Account.prototype;
let thrown: unknown;
try {
  void account.failsAtOnce('sync');
} catch (error) {
  thrown = error;
}
const output = {
  dialect,
  greeting: await account.greet('Hello', '!'),
  length: proto.greet.length,
  name: proto.greet.name,
  thrown: thrown instanceof RangeError ? `RangeError: ${thrown.message}` : String(thrown),
  rows: snapshot().futures.map(({ label, calls, resolved, rejected }) => ({
    label,
    calls,
    resolved,
    rejected,
  })),
};
process.stdout.write(`${JSON.stringify(output)}\n`);
