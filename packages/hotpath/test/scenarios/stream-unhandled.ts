// An async iterator whose next() rejects and nobody handles it: the same unhandled rejections, off and on.
import { stream } from '../../src/index.ts';

const boom = new Error('unhandled');
process.on('unhandledRejection', (reason) =>
  console.log('unhandled rejection, same reason:', reason === boom),
);
const iterator = stream({ next: () => Promise.reject(boom) }, { label: 'unhandled' });
void iterator.next();
setTimeout(() => console.log('done'), 10);
