import { writeSync } from 'node:fs';
import { config } from '../config.js';
import type { ReportOptions } from '../types.js';

export type Output = NonNullable<ReportOptions['output']>;

/**
 * Writes the whole text to standard output before returning, even at exit and even into a full,
 * non-blocking pipe (where a plain write would fail with EAGAIN and the tail of the report be lost).
 */
export function writeStdoutFully(text: string): void {
  let data = Buffer.from(text);
  while (data.length > 0) {
    try {
      const written = writeSync(1, data);
      data = data.subarray(written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

/** Where the default report goes instead of stdout (`hotpath run` collects it); null: stdout. */
let reportSink: ((text: string) => void) | null = null;

/** Sends reports meant for stdout to `sink` instead, uncoloured. Used by `hotpath/register` under `hotpath run`. */
export function sendReportsTo(sink: (text: string) => void): void {
  reportSink = sink;
}

export function writeReportNow(text: string, output: Output | undefined): void {
  if (text === '') return;
  if (reportSink !== null && (output === undefined || output === process.stdout)) reportSink(text);
  else if (output === undefined || output === process.stdout) writeStdoutFully(text);
  else output.write(text);
}

export function useColor(output: Output | undefined): boolean {
  if (config.noColor) return false;
  if (reportSink !== null && (output === undefined || output === process.stdout)) return false;
  const target = (output ?? process.stdout) as { isTTY?: boolean };
  return target.isTTY === true;
}
