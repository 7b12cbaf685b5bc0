/**
 * The console's second data source: a recording played back. Snapshots come from its frames at the
 * playback position (one row per site, as the live console shows them), logs from what the recording
 * carried up to that frame. Playback runs in real time times the speed, and can be paused, stepped and
 * moved; the console renders it exactly as it renders a live program.
 */
import type { Snapshot } from 'hotpath';
import { bySite, type Recording } from 'hotpath/recording';
import { FeedError } from '../client/endpoint.js';
import type { DataSource, DetailKind, FeedState } from '../client/feed.js';

/** Where playback is, for the status line. */
export interface ReplayPosition {
  /** Seconds from the first frame to the shown one, and to the last. */
  timeMs: number;
  durationMs: number;
  frame: number;
  frames: number;
  speed: number;
  playing: boolean;
}

/** What the console's replay keys do. */
export interface ReplayControls {
  position(): ReplayPosition;
  togglePlay(): void;
  /** One frame back (-1) or forward (+1); pauses playback. */
  step(by: number): void;
  /** Halves (-1) or doubles (+1) the speed, within 1/16× and 64×. */
  changeSpeed(direction: number): void;
  /** To the last frame at or before `ms` from the start. */
  seek(ms: number): void;
}

const TICK_MS = 50;
const MIN_SPEED = 1 / 16;
const MAX_SPEED = 64;

export class ReplaySource implements DataSource, ReplayControls {
  readonly refreshMs: number;
  private index = 0;
  private playing = true;
  private speed: number;
  /** Playback time at `anchorWall`; the position is this plus the wall time since, times the speed. */
  private anchorMs = 0;
  private anchorWall = 0;
  private state: FeedState;
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly recording: Recording,
    readonly address: string,
    options: { speed: number; now?: () => number },
  ) {
    this.now = options.now ?? Date.now;
    this.speed = options.speed;
    // The console calls a feed stale when nothing arrives for this long: a paused replay never is.
    this.refreshMs = Number.MAX_SAFE_INTEGER / 4;
    this.state = this.stateAt(0);
    this.anchorWall = this.now();
  }

  private readonly now: () => number;

  start(): this {
    this.timer = setInterval(() => this.advance(), TICK_MS);
    this.timer.unref();
    return this;
  }

  current(): FeedState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  fetchDetail(kind: DetailKind, id: number): Promise<unknown> {
    return Promise.resolve(this.recording.detailAt(kind, id, this.index));
  }

  fetchInstances(): Promise<unknown> {
    return Promise.reject(new FeedError('a recording keeps one row per site: its instances are not in it'));
  }

  close(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  position(): ReplayPosition {
    return {
      timeMs: this.recording.timeOf(this.index),
      durationMs: this.recording.durationMs,
      frame: this.index,
      frames: this.recording.frames.length,
      speed: this.speed,
      playing: this.playing,
    };
  }

  togglePlay(): void {
    // Play at the end starts over.
    if (!this.playing && this.index === this.recording.frames.length - 1) this.show(0);
    this.playing = !this.playing;
    this.changed();
  }

  step(by: number): void {
    this.playing = false;
    this.show(Math.max(0, Math.min(this.recording.frames.length - 1, this.index + by)));
    this.changed();
  }

  changeSpeed(direction: number): void {
    const next = direction > 0 ? this.speed * 2 : this.speed / 2;
    this.speed = Math.max(MIN_SPEED, Math.min(MAX_SPEED, next));
    this.changed();
  }

  seek(ms: number): void {
    this.show(this.recording.indexAt(Math.max(0, ms)));
    this.changed();
  }

  /** Moves to the frame the clock has reached; stops at the last one. */
  advance(): void {
    if (!this.playing) return;
    const position = this.anchorMs + (this.now() - this.anchorWall) * this.speed;
    const index = this.recording.indexAt(position);
    const moved = this.show(index);
    if (index === this.recording.frames.length - 1) {
      this.playing = false;
      this.changed();
    } else if (moved) this.notify();
  }

  /** After a key: playback goes on from the shown frame, and the status line is redrawn. */
  private changed(): void {
    this.anchorMs = this.recording.timeOf(this.index);
    this.anchorWall = this.now();
    // A new state object, so that the console redraws even when the frame is the same.
    this.state = { ...this.state };
    this.notify();
  }

  /** Whether the shown frame changed. */
  private show(index: number): boolean {
    if (index === this.index) return false;
    this.index = index;
    this.state = this.stateAt(index);
    return true;
  }

  private stateAt(index: number): FeedState {
    const snapshot: Snapshot = bySite(this.recording.snapshotAt(index));
    return { phase: 'live', snapshot, problem: null, receivedAt: this.now(), transport: 'events' };
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
