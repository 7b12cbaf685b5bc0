/**
 * Methods decorated with `@measure()`, sync and async: `this`, the arguments, the return value, a throw,
 * `length` and `name`. Compiled with standard decorators by default, with `experimentalDecorators` under
 * this folder's tsconfig (TSX_TSCONFIG_PATH). Prints one JSON line.
 */
import { measure, snapshot } from '../../../src/index.ts';

let dialect = 'none';
/** Tells which decorator dialect the compiler used: the legacy one passes three arguments. */
function probe(...args: any[]): void {
  dialect = args.length === 3 ? 'experimentalDecorators' : 'standard';
}

class Account {
  constructor(readonly owner: string) {}

  @probe
  @measure()
  total(a: number, b: number, c: number): number {
    return a + b + c + this.owner.length;
  }

  @measure({ label: 'Account.greet', log: true })
  async greet(greeting: string, punctuation: string): Promise<string> {
    await null;
    return `${greeting}, ${this.owner}${punctuation}`;
  }

  @measure()
  fails(reason: string): never {
    throw new RangeError(reason);
  }
}

const account = new Account('Ada');
const proto = Account.prototype;
let thrown: unknown;
try {
  account.fails('sync');
} catch (error) {
  thrown = error;
}
const totals = [account.total(1, 2, 3), account.total(4, 5, 6)];
const output = {
  dialect,
  totals,
  greeting: await account.greet('Hello', '!'),
  length: [proto.total.length, proto.greet.length],
  name: [proto.total.name, proto.greet.name],
  thrown: thrown instanceof RangeError ? `RangeError: ${thrown.message}` : String(thrown),
  rows: (snapshot().functions ?? [])
    .map(({ label, calls, errors, async }) => ({
      label: label.replace(/^.*:\d+ /, ''),
      calls,
      errors,
      async,
    }))
    .sort((a, b) => (a.label < b.label ? -1 : 1)),
};
console.log(JSON.stringify(output));
