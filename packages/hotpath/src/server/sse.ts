import type { ServerResponse } from 'node:http';
import { recordFault } from '../registry/faults.js';
import { type RowsBy, takeSnapshot } from '../registry/snapshot.js';
import type { Snapshot } from '../types.js';
import { limitSnapshot } from './views.js';

export const HEARTBEAT_MS = 15_000;

interface Subscriber {
  readonly res: ServerResponse;
  readonly limit: number;
  /** `?by=site`: one row per site instead of one per instance. */
  readonly by: RowsBy;
}

/** Everyone who asked for the same interval shares one timer and one snapshot per tick. */
interface Feed {
  readonly intervalMs: number;
  readonly timer: NodeJS.Timeout;
  readonly subscribers: Set<Subscriber>;
}

/**
 * `GET /events`: Server-Sent Events, one `snapshot` event at once and then one per interval, plus a comment
 * line every 15 s so that proxies and clients can tell a quiet feed from a dead one. Every timer is
 * `unref`'d and goes away with its last subscriber. A client that stops reading is skipped (never
 * buffered for), so a stuck subscriber costs no memory.
 */
export class EventHub {
  private readonly feeds = new Map<number, Feed>();
  private heartbeat: NodeJS.Timeout | null = null;
  private subscriberCount = 0;

  constructor(private readonly heartbeatMs = HEARTBEAT_MS) {}

  subscribe(
    res: ServerResponse,
    intervalMs: number,
    limit: number,
    head: boolean,
    by: RowsBy = 'instance',
  ): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      'X-Accel-Buffering': 'no',
      'X-Content-Type-Options': 'nosniff',
    });
    if (head) {
      res.end();
      return;
    }
    const subscriber: Subscriber = { res, limit, by };
    const leave = () => this.leave(subscriber, intervalMs);
    res.on('error', leave);
    res.once('close', leave);
    this.feedFor(intervalMs).subscribers.add(subscriber);
    this.subscriberCount++;
    this.heartbeat ??= setInterval(() => this.beat(), this.heartbeatMs).unref();
    write(subscriber, snapshotEvent(limitSnapshot(takeSnapshot(by), limit)));
    // A client gone before it was even answered would otherwise never send the `close` we wait for.
    if (res.destroyed || res.socket === null || res.socket.destroyed) leave();
  }

  /** Ends every subscription (the server is closing). */
  closeAll(): void {
    for (const feed of [...this.feeds.values()]) {
      for (const subscriber of [...feed.subscribers]) subscriber.res.end();
    }
  }

  /** What is still held: for tests that check nothing is left behind. */
  stats(): { subscribers: number; timers: number; intervalsMs: number[]; bufferedBytes: number } {
    let bufferedBytes = 0;
    for (const feed of this.feeds.values()) {
      for (const subscriber of feed.subscribers) bufferedBytes += subscriber.res.writableLength;
    }
    return {
      subscribers: this.subscriberCount,
      timers: this.feeds.size + (this.heartbeat === null ? 0 : 1),
      intervalsMs: [...this.feeds.keys()].sort((a, b) => a - b),
      bufferedBytes,
    };
  }

  private feedFor(intervalMs: number): Feed {
    let feed = this.feeds.get(intervalMs);
    if (feed === undefined) {
      const subscribers = new Set<Subscriber>();
      const timer = setInterval(() => this.tick(subscribers), intervalMs).unref();
      feed = { intervalMs, timer, subscribers };
      this.feeds.set(intervalMs, feed);
    }
    return feed;
  }

  private leave(subscriber: Subscriber, intervalMs: number): void {
    const feed = this.feeds.get(intervalMs);
    if (feed === undefined || !feed.subscribers.delete(subscriber)) return;
    this.subscriberCount--;
    if (feed.subscribers.size === 0) {
      clearInterval(feed.timer);
      this.feeds.delete(intervalMs);
    }
    if (this.subscriberCount === 0 && this.heartbeat !== null) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }

  private tick(subscribers: Set<Subscriber>): void {
    try {
      // One snapshot per row kind asked for; subscribers with the same rows and limit get the very same text.
      const snapshots = new Map<RowsBy, Snapshot>();
      const framed = new Map<string, string>();
      for (const subscriber of subscribers) {
        const key = `${subscriber.by}:${subscriber.limit}`;
        let text = framed.get(key);
        if (text === undefined) {
          let snapshot = snapshots.get(subscriber.by);
          if (snapshot === undefined) {
            snapshot = takeSnapshot(subscriber.by);
            snapshots.set(subscriber.by, snapshot);
          }
          text = snapshotEvent(limitSnapshot(snapshot, subscriber.limit));
          framed.set(key, text);
        }
        write(subscriber, text);
      }
    } catch (error) {
      recordFault(error);
    }
  }

  private beat(): void {
    for (const feed of this.feeds.values()) {
      for (const subscriber of feed.subscribers) write(subscriber, ': heartbeat\n\n');
    }
  }
}

/** One event: JSON never contains a raw newline, so the snapshot fits on one `data:` line. */
export function snapshotEvent(snapshot: Snapshot): string {
  return `event: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`;
}

function write(subscriber: Subscriber, text: string): void {
  const { res } = subscriber;
  // A client that has not read what it was sent gets nothing more until it has: no unbounded buffering.
  if (res.destroyed || res.writableEnded || res.writableNeedDrain) return;
  res.write(text);
}
