/** Imports hotpath and monitors nothing: with monitoring on, still no server (it starts with the first item). */
import { enabled } from '../../src/index.ts';

process.stdout.write(`enabled ${enabled}\n`);
