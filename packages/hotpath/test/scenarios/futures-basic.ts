/**
 * hotpath-rs's futures scenario, ported: a decorated method and a wrapped function each called twice
 * (with and without log), a nested future inside a future, a future made and never awaited. Prints the
 * snapshot's future rows and each row's recent calls as one JSON line, then lets the exit report print.
 */
import { future, futureFn, snapshot } from '../../src/index.ts';
import { futureCalls } from '../../src/registry/futures.ts';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

class Service {
  factor = 10;

  @futureFn()
  async attributedNoLog(x: number): Promise<number> {
    await tick();
    return x * this.factor;
  }

  @futureFn({ log: true })
  async attributedWithLog(x: number): Promise<string> {
    await tick();
    return `logged ${x * this.factor}`;
  }
}

const threeAwaits = futureFn(
  async (x: number) => {
    await tick();
    await tick();
    await tick();
    return x + 1;
  },
  { label: 'three-awaits', log: true },
);
const wrappedNoLog = futureFn(async (x: number) => x * 2, { label: 'wrapped-no-log' });

const service = new Service();
const values = [
  await service.attributedNoLog(1),
  await service.attributedNoLog(2),
  await service.attributedWithLog(3),
  await service.attributedWithLog(4),
  await threeAwaits(5),
  await threeAwaits(6),
  await wrappedNoLog(7),
  await wrappedNoLog(8),
  await future(
    async () => {
      await tick();
      return future(async () => 'inner value', { label: 'nested-inner', log: true });
    },
    { label: 'nested-outer', log: true },
  ),
];
// Made and never awaited: it never settles, so it stays pending to the end.
future(new Promise(() => {}), { label: 'never-awaited' });

const rows = snapshot().futures;
const calls = Object.fromEntries(rows.map((row) => [row.label, futureCalls(row.id)?.calls]));
process.stdout.write(`${JSON.stringify({ values, rows, calls })}\n`);
