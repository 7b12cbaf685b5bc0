/**
 * The program's stdout and stderr while the console has the screen: the last lines for the output pane,
 * and every byte, in order, spooled to a file so that it can be written to the terminal (and so to its
 * scrollback) as it was, once the console gives the screen back.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { OutputPaneSource } from '../console/OutputPane.js';

/** Lines the pane can show; older ones are only in the spool. */
const KEPT_LINES = 200;
/** A line longer than this is shown cut (a program printing one endless line must not grow memory). */
const MAX_LINE = 1000;

export class ProgramOutput implements OutputPaneSource {
  private readonly lines: string[] = [];
  private partial = '';
  private readonly listeners = new Set<() => void>();
  private readonly spool: number;
  private statusText = 'running';
  private version = 0;

  constructor(spoolPath: string) {
    this.spool = openSync(spoolPath, 'w+');
  }

  /** A chunk of the program's stdout (1) or stderr (2). */
  write(fd: 1 | 2, chunk: Buffer): void {
    const header = Buffer.alloc(5);
    header.writeUInt8(fd, 0);
    header.writeUInt32BE(chunk.length, 1);
    writeSync(this.spool, header);
    writeSync(this.spool, chunk);
    const parts = (this.partial + chunk.toString('utf8')).split('\n');
    this.partial = (parts.pop() ?? '').slice(-MAX_LINE);
    for (const line of parts) this.lines.push(line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line);
    if (this.lines.length > KEPT_LINES) this.lines.splice(0, this.lines.length - KEPT_LINES);
    this.changed();
  }

  setStatus(text: string): void {
    this.statusText = text;
    this.changed();
  }

  tail(count: number): string[] {
    const all = this.partial === '' ? this.lines : [...this.lines, this.partial];
    return all.slice(Math.max(0, all.length - count));
  }

  status(): string {
    return this.statusText;
  }

  revision(): number {
    return this.version;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Writes every byte to the terminal as the program wrote it: stdout to stdout, stderr to stderr. */
  replay(): void {
    const header = Buffer.alloc(5);
    let position = 0;
    for (;;) {
      if (readSync(this.spool, header, 0, 5, position) < 5) break;
      const length = header.readUInt32BE(1);
      const data = Buffer.alloc(length);
      readSync(this.spool, data, 0, length, position + 5);
      writeFully(header.readUInt8(0), data);
      position += 5 + length;
    }
  }

  close(): void {
    closeSync(this.spool);
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

function writeFully(fd: number, data: Buffer): void {
  let rest = data;
  while (rest.length > 0) {
    try {
      rest = rest.subarray(writeSync(fd, rest));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      // A full non-blocking pipe: wait a moment for the reader.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}
