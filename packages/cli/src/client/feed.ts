/**
 * The console's data: live snapshots over the server's `/events` feed, or by polling `/snapshot` when the
 * feed is not available; reconnects by itself and says why when it cannot.
 */
import type { IncomingMessage } from 'node:http';
import type { Snapshot } from 'hotpath';
import { address, describeFailure, describeStatus, type Endpoint, FeedError } from './endpoint.js';
import { getJson, openGet, REQUEST_TIMEOUT_MS, readBody } from './http.js';
import { SseParser } from './sse.js';

export type Phase = 'connecting' | 'live' | 'stale';
export type DetailKind = 'channels' | 'streams' | 'futures' | 'functions' | 'gauges';

export interface FeedState {
  /** `connecting` until the first snapshot; `stale` when data is shown but the feed broke. */
  phase: Phase;
  snapshot: Snapshot | null;
  /** Why the last attempt failed, in words; null while all is well. */
  problem: string | null;
  /** `Date.now()` when the shown snapshot arrived. */
  receivedAt: number | null;
  transport: 'events' | 'polling';
}

/** What the console reads from; tests hand it canned data instead. */
export interface DataSource {
  /** `127.0.0.1:6770`: shown in the status line and in error messages. */
  readonly address: string;
  readonly refreshMs: number;
  current(): FeedState;
  subscribe(listener: () => void): () => void;
  /**
   * `/channels/:id/logs`, `/streams/:id/logs`, `/futures/:id/calls`, `/functions/:id/logs` or
   * `/gauges/:id/logs`; with `bySite`, the logs of the site
   * with that id (`?by=site`: every instance's entries merged).
   */
  fetchDetail(kind: DetailKind, id: number, bySite?: boolean): Promise<unknown>;
  /** `/channels?site=ID` or `/streams?site=ID`: the instances one site still holds. */
  fetchInstances(kind: DetailKind, siteId: number): Promise<unknown>;
  close(): void;
}

export interface FeedOptions {
  refreshMs: number;
  /** Rows of each kind asked for (the server's `limit`). */
  limit: number;
}

const RETRY_MS = 1000;

export class MetricsFeed implements DataSource {
  readonly address: string;
  readonly refreshMs: number;
  private state: FeedState = {
    phase: 'connecting',
    snapshot: null,
    problem: null,
    receivedAt: null,
    transport: 'events',
  };
  private readonly listeners = new Set<() => void>();
  private closed = false;
  private abortCurrent: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  /** Bumped on every attempt, so that late events of an abandoned connection are ignored. */
  private attempt = 0;

  constructor(
    private readonly endpoint: Endpoint,
    private readonly options: FeedOptions,
  ) {
    this.address = address(endpoint);
    this.refreshMs = options.refreshMs;
  }

  start(): this {
    this.connect();
    return this;
  }

  current(): FeedState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  fetchDetail(kind: DetailKind, id: number, bySite = false): Promise<unknown> {
    const leaf = kind === 'futures' ? 'calls' : 'logs';
    return this.get(`/${kind}/${id}/${leaf}${bySite ? '?by=site' : ''}`);
  }

  fetchInstances(kind: DetailKind, siteId: number): Promise<unknown> {
    return this.get(`/${kind}?site=${siteId}&limit=${this.options.limit}`);
  }

  private get(path: string): Promise<unknown> {
    return getJson(this.endpoint, path).catch((error: unknown) => {
      throw new FeedError(describeFailure(error, this.endpoint));
    });
  }

  close(): void {
    this.closed = true;
    this.abortCurrent?.();
    this.abortCurrent = null;
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.watchdog !== null) clearTimeout(this.watchdog);
    this.listeners.clear();
  }

  private connect(): void {
    if (this.closed) return;
    const attempt = ++this.attempt;
    if (this.state.transport === 'polling') {
      this.poll();
      return;
    }
    // One row per site (label or call site); an older server ignores `by` and sends instance rows.
    const path = `/events?intervalMs=${this.options.refreshMs}&limit=${this.options.limit}&by=site`;
    const request = openGet(this.endpoint, path, 'text/event-stream', REQUEST_TIMEOUT_MS);
    this.abortCurrent = request.abort;
    request.response.then(
      (res) => this.onEventsResponse(res, attempt),
      (error: unknown) => this.fail(error, attempt),
    );
  }

  private async onEventsResponse(res: IncomingMessage, attempt: number): Promise<void> {
    const type = String(res.headers['content-type'] ?? '');
    if (res.statusCode !== 200 || !type.startsWith('text/event-stream')) {
      const status = res.statusCode ?? 0;
      const body = await readBody(res).catch(() => '');
      // No feed here (an older or other server): polling `/snapshot` may still work.
      if (status === 404 || status === 405 || status === 200) {
        if (attempt !== this.attempt) return;
        this.update({ transport: 'polling' });
        this.connect();
        return;
      }
      this.fail(new FeedError(describeStatus(status, body, this.endpoint), status), attempt);
      return;
    }
    const parser = new SseParser((event, data) => {
      if (event === 'snapshot' && attempt === this.attempt) this.accept(data, attempt);
    });
    res.setEncoding('utf8');
    this.armWatchdog(attempt);
    res.on('data', (chunk: string) => {
      if (attempt !== this.attempt) {
        res.destroy();
        return;
      }
      this.armWatchdog(attempt);
      parser.push(chunk);
    });
    const ended = (error?: unknown) => {
      this.fail(error ?? Object.assign(new Error('feed ended'), { code: 'ECONNRESET' }), attempt);
    };
    res.once('end', () => ended());
    res.once('error', ended);
    res.once('aborted', () => ended());
  }

  /** The feed sends a snapshot every interval; silence for several means the connection is dead. */
  private armWatchdog(attempt: number): void {
    if (this.watchdog !== null) clearTimeout(this.watchdog);
    this.watchdog = setTimeout(
      () =>
        this.fail(
          new FeedError(`no update from ${this.address} for ${Math.round(this.silenceMs() / 1000)} s`),
          attempt,
        ),
      this.silenceMs(),
    ).unref();
  }

  private silenceMs(): number {
    return this.options.refreshMs * 3 + 3000;
  }

  private poll(): void {
    if (this.closed) return;
    const attempt = ++this.attempt;
    getJson(this.endpoint, `/snapshot?limit=${this.options.limit}&by=site`).then(
      (body) => {
        if (this.closed || attempt !== this.attempt) return;
        if (this.acceptParsed(body, attempt)) this.schedule(() => this.poll(), this.options.refreshMs);
      },
      (error: unknown) => this.fail(error, attempt),
    );
  }

  private accept(data: string, attempt: number): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      this.fail(new FeedError(`${this.address} sent an event that is not JSON`), attempt);
      return;
    }
    this.acceptParsed(parsed, attempt);
  }

  private acceptParsed(body: unknown, attempt: number): boolean {
    if (!isSnapshot(body)) {
      this.fail(
        new FeedError(
          `${this.address} answered, but not as a hotpath metrics server (another program on that port?)`,
        ),
        attempt,
      );
      return false;
    }
    this.update({ phase: 'live', snapshot: body, problem: null, receivedAt: Date.now() });
    return true;
  }

  private fail(error: unknown, attempt: number): void {
    if (this.closed || attempt !== this.attempt) return;
    // Whatever else this attempt still reports is now stale news.
    this.attempt++;
    if (this.watchdog !== null) clearTimeout(this.watchdog);
    this.abortCurrent?.();
    this.abortCurrent = null;
    this.update({
      phase: this.state.snapshot === null ? 'connecting' : 'stale',
      problem: describeFailure(error, this.endpoint),
    });
    this.schedule(() => this.connect(), Math.min(RETRY_MS, this.options.refreshMs * 2));
  }

  private schedule(task: () => void, ms: number): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(task, ms).unref();
  }

  private update(change: Partial<FeedState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}

function isSnapshot(value: unknown): value is Snapshot {
  if (value === null || typeof value !== 'object') return false;
  const body = value as Record<string, unknown>;
  return typeof body.schemaVersion === 'number' && Array.isArray(body.channels);
}
