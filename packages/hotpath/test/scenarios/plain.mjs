// Plain JavaScript, no TypeScript loader, importing the built package the way an npm user does.
import { channel, snapshot } from 'hotpath';
import { bounded } from 'hotpath/channels';

const [tx, rx] = channel(bounded(2)); // PLAIN-SITE
tx.trySend('a');
rx.tryRecv();
const [row] = snapshot().channels;
console.log(JSON.stringify({ label: row?.label ?? null, sent: row?.sent ?? null }));
