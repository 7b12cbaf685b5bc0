// hotpath-rs's `basic_json` scenario: a derived call-site label and a custom label, in pretty JSON.
import { channel, main } from '../../src/index.ts';
import { bounded, unbounded } from '../../src/primitives/index.ts';

await main(
  async () => {
    const [tx, rx] = channel(unbounded<number>()); // DERIVED-LABEL
    const [btx, brx] = channel(bounded<string>(4), { label: 'hello-there' });
    await tx.send(1);
    await btx.send('x');
    console.log('got', await rx.recv(), await brx.recv());
  },
  { format: 'json-pretty' },
);
