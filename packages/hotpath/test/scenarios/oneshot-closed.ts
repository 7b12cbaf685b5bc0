// hotpath-rs's `oneshot_closed` scenario: the receiver closes, so the send must fail.
import { channel } from '../../src/index.ts';
import { oneshot } from '../../src/primitives/index.ts';

const [tx, rx] = channel(oneshot<number>());
rx.close();
try {
  tx.send(1);
  console.log('send unexpectedly succeeded');
  process.exitCode = 1;
} catch (error) {
  console.log('send failed:', (error as Error).message);
}
