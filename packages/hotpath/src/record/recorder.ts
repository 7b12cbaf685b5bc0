/**
 * `HOTPATH_RECORD=path`: writes the run to a file, one frame per interval, as described in `format.ts`.
 * Every line is its own gzip member written with one synchronous write, so a process killed at any moment
 * leaves a file readable up to its last complete frame; the last frame is written at exit, after the exit
 * report and from the same data. Nothing of this exists unless the variable is set: no timer, no file.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { nowMs } from '../registry/clock.js';
import { recordFault, shielded } from '../registry/faults.js';
import { takeSnapshotWithSites } from '../registry/snapshot.js';
import { DetailTracker } from './details.js';
import {
  DeltaEncoder,
  RECORDING_FORMAT,
  RECORDING_VERSION,
  type RecordingFrame,
  type RecordingHeader,
} from './format.js';

export interface RecordOptions {
  path: string;
  /** `HOTPATH_RECORD_MAX_MB` as configured: the file stays below this many MiB. */
  maxMb: number;
  intervalMs: number;
  logsLimit: number;
}

/** A full snapshot every this many frames: replay can start at any keyframe without reading from the top. */
export const KEYFRAME_EVERY = 30;
/** Room kept below the cap for the note that says why recording stopped. */
const NOTE_ROOM = 512;

type Gzip = (data: string) => Buffer;

export class Recorder {
  private tick = 0;
  private written = 0;
  private stopped = false;
  private readonly timer: NodeJS.Timeout;
  private readonly encoder = new DeltaEncoder();
  private readonly details = new DetailTracker();
  private readonly maxBytes: number;

  constructor(
    private readonly fd: number,
    private readonly options: RecordOptions,
    private readonly gzip: Gzip,
    private readonly warn: (message: string) => void,
  ) {
    this.maxBytes = Math.floor(options.maxMb * 1024 * 1024);
    const header: RecordingHeader = {
      type: 'header',
      format: RECORDING_FORMAT,
      version: RECORDING_VERSION,
      pid: process.pid,
      argv: process.argv,
      startTime: new Date(Date.now() - nowMs()).toISOString(),
      intervalMs: options.intervalMs,
      keyframeEvery: KEYFRAME_EVERY,
      logsLimit: options.logsLimit,
      maxBytes: this.maxBytes,
      node: process.version,
    };
    this.write(header);
    this.frame(false);
    // Never what keeps the process alive.
    this.timer = setInterval(() => this.frame(false), options.intervalMs).unref();
  }

  /** Bytes written so far (the cap counts these). */
  get bytes(): number {
    return this.written;
  }

  /** One frame now, as the timer writes them (benchmarks time this). */
  recordFrame(): void {
    this.frame(false);
  }

  /** The last frame (a full one), then the file is closed. Runs at exit. */
  finish(): void {
    if (this.stopped) return;
    this.frame(true);
    this.stop();
  }

  private frame(final: boolean): void {
    if (this.stopped) return;
    try {
      const snapshot = takeSnapshotWithSites();
      const key = final || this.tick % KEYFRAME_EVERY === 0;
      const frame: RecordingFrame = { type: 'frame', tick: this.tick, atMs: snapshot.elapsedMs };
      if (key) {
        frame.key = true;
        frame.snapshot = snapshot;
        this.encoder.reset(snapshot);
      } else {
        frame.changes = this.encoder.changes(snapshot);
      }
      if (final) frame.final = true;
      const details = this.details.collect(snapshot);
      if (details.length > 0) frame.details = details;
      this.tick++;
      this.write(frame);
    } catch (error) {
      recordFault(error);
    }
  }

  private write(line: object): void {
    if (this.stopped) return;
    const data = this.gzip(`${JSON.stringify(line)}\n`);
    if (this.written + data.length + NOTE_ROOM > this.maxBytes) {
      const message = `recording stopped: the next frame would pass HOTPATH_RECORD_MAX_MB=${this.options.maxMb} (${this.written} bytes written); the run went on unrecorded`;
      this.writeBytes(
        this.gzip(
          `${JSON.stringify({ type: 'note', atMs: (line as { atMs?: number }).atMs ?? 0, message })}\n`,
        ),
      );
      this.warn(`HOTPATH_RECORD=${JSON.stringify(this.options.path)}: ${message}`);
      this.stop();
      return;
    }
    this.writeBytes(data);
  }

  private writeBytes(data: Buffer): void {
    try {
      let offset = 0;
      while (offset < data.length) offset += writeSync(this.fd, data, offset);
      this.written += data.length;
    } catch (error) {
      // A full disk or a vanished file ends the recording, never the program.
      recordFault(error);
      this.stop();
    }
  }

  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    shielded(() => closeSync(this.fd), undefined);
  }
}

let recorder: Recorder | null = null;

/** Opens the file and starts recording; a file that cannot be opened is one warning and no recording. */
export function startRecording(options: RecordOptions, warn: (message: string) => void): void {
  if (recorder !== null) return;
  let fd: number;
  try {
    fd = openSync(options.path, 'w');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    warn(`HOTPATH_RECORD=${JSON.stringify(options.path)} cannot be written (${code}); not recording`);
    return;
  }
  // Loaded here, only for a recording.
  const zlib = process.getBuiltinModule('node:zlib');
  try {
    recorder = new Recorder(fd, options, (text) => zlib.gzipSync(text), warn);
  } catch (error) {
    recordFault(error);
  }
}

/** The final frame, when a recording is running. */
export function finishRecording(): void {
  shielded(() => recorder?.finish(), undefined);
}
