/**
 * The page's data: the server's `/events` feed read with `fetch` (so that the token travels as a header),
 * reconnecting by itself, and saying in words why it cannot when it cannot.
 */

import { SseParser } from '../../src/text/sse-parser.js';
import type { Snapshot } from '../../src/types.js';
import { authHeaders } from './token.js';

export type Phase = 'connecting' | 'live' | 'stale';

export interface FeedState {
  /** `connecting` until the first snapshot; `stale` when data is shown but the feed broke. */
  phase: Phase;
  snapshot: Snapshot | null;
  /** Why the last attempt failed, in words; null while all is well. */
  problem: string | null;
  /** The server asked for a token (401): the page shows the token prompt. */
  needsToken: boolean;
  /** `Date.now()` when the shown snapshot arrived. */
  receivedAt: number | null;
}

/** Rows per list the page asks for: enough for a big program, still one JSON parse per second. */
export const ROW_LIMIT = 10_000;
export const INTERVAL_MS = 1000;
/** Retry delays after a failure, growing to the last one. */
const RETRY_MS = [500, 1000, 2000, 4000];

export class EventFeed {
  private state: FeedState = {
    phase: 'connecting',
    snapshot: null,
    problem: null,
    needsToken: false,
    receivedAt: null,
  };
  private controller: AbortController | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private closed = false;

  constructor(
    private readonly onChange: (state: FeedState) => void,
    private token: string | null,
  ) {}

  start(): this {
    void this.connect();
    return this;
  }

  /** A new token from the prompt: drop the current attempt and connect again with it. */
  useToken(token: string | null): void {
    this.token = token;
    this.failures = 0;
    this.set({ needsToken: false, problem: null });
    this.restart();
  }

  close(): void {
    this.closed = true;
    this.controller?.abort();
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
  }

  private restart(): void {
    this.controller?.abort();
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const controller = new AbortController();
    this.controller = controller;
    const where = location.host;
    try {
      const response = await fetch(`events?by=site&limit=${ROW_LIMIT}&intervalMs=${INTERVAL_MS}`, {
        headers: { Accept: 'text/event-stream', ...authHeaders(this.token) },
        cache: 'no-store',
        signal: controller.signal,
      });
      if (response.status === 401) {
        await response.body?.cancel();
        this.fail(
          this.token === null
            ? `${where} wants a token — enter the program's HOTPATH_METRICS_TOKEN`
            : `${where} refused the token — it differs from the program's HOTPATH_METRICS_TOKEN`,
          true,
        );
        return;
      }
      if (!response.ok || response.body === null) {
        this.fail(await describeStatus(response, where));
        this.retry();
        return;
      }
      await this.read(response.body, controller);
      if (controller.signal.aborted) return;
      this.fail(`${where} closed the feed (did the program exit?)`);
    } catch {
      if (controller.signal.aborted) return;
      this.fail(`cannot reach ${where} — is the program still running with HOTPATH=1?`);
    }
    this.retry();
  }

  private async read(body: ReadableStream<Uint8Array>, controller: AbortController): Promise<void> {
    const decoder = new TextDecoder();
    const parser = new SseParser((event, data) => {
      if (event !== 'snapshot' || controller.signal.aborted) return;
      try {
        const snapshot = JSON.parse(data) as Snapshot;
        this.failures = 0;
        this.set({ phase: 'live', snapshot, problem: null, needsToken: false, receivedAt: Date.now() });
      } catch {
        this.set({ problem: `${location.host} sent an event that is not a snapshot` });
      }
    });
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.push(decoder.decode(value, { stream: true }));
      }
    } finally {
      reader.releaseLock();
    }
  }

  private fail(problem: string, needsToken = false): void {
    this.set({
      phase: this.state.snapshot === null ? 'connecting' : 'stale',
      problem,
      needsToken,
    });
  }

  private retry(): void {
    if (this.closed || this.state.needsToken) return;
    const delay = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)]!;
    this.failures++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }

  private set(change: Partial<FeedState>): void {
    this.state = { ...this.state, ...change };
    this.onChange(this.state);
  }
}

/** A non-2xx answer in words; `{ error }` bodies are hotpath's own. */
async function describeStatus(response: Response, where: string): Promise<string> {
  let detail = '';
  try {
    const parsed = (await response.json()) as { error?: unknown };
    if (typeof parsed.error === 'string') detail = parsed.error;
  } catch {
    // Not JSON: not a hotpath server, said below.
  }
  if (detail === '') return `${where} answered HTTP ${response.status}, not as a hotpath metrics server`;
  return `${where} answered ${response.status}: ${detail}`;
}

/** A JSON request to the server with the token, for logs and instance rows; null when it fails. */
export async function getJson<T>(
  path: string,
  token: string | null,
  signal?: AbortSignal,
): Promise<T | null> {
  try {
    const response = await fetch(path, {
      headers: { Accept: 'application/json', ...authHeaders(token) },
      cache: 'no-store',
      ...(signal === undefined ? {} : { signal }),
    });
    return response.ok ? ((await response.json()) as T) : null;
  } catch {
    return null;
  }
}
