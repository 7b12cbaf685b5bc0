// Shared by the channel-kind scenarios: the program's own trace goes to stdout (it must be the same with
// monitoring off and on); the channel rows go to stderr as one JSON line, for the test to check.
import { snapshot } from '../../../src/index.ts';

const lines: string[] = [];

export function log(...parts: unknown[]): void {
  lines.push(parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' '));
}

export const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export function finish(): void {
  process.stdout.write(`${lines.join('\n')}\n`);
  process.stderr.write(`ROWS ${JSON.stringify(snapshot().channels)}\n`);
}
