import { request as httpRequest } from 'node:http';

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  json: any;
}

/** One request on its own connection (no agent, nothing left open), the whole body read. */
export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers, agent: false });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('error', reject);
      res.on('end', () => {
        let json: any;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.end();
  });
}

export interface SseEvent {
  event: string | null;
  data: string | null;
  /** Comment lines (`: heartbeat`), without the colon. */
  comments: string[];
}

/** Splits a Server-Sent Events text into its events (blocks separated by a blank line). */
export function parseSse(text: string): { events: SseEvent[]; rest: string } {
  const blocks = text.split('\n\n');
  const rest = blocks.pop() ?? '';
  const events = blocks.map((block) => {
    const event: SseEvent = { event: null, data: null, comments: [] };
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) event.comments.push(line.slice(1).trim());
      else if (line.startsWith('event: ')) event.event = line.slice(7);
      else if (line.startsWith('data: '))
        event.data = event.data === null ? line.slice(6) : `${event.data}\n${line.slice(6)}`;
    }
    return event;
  });
  return { events, rest };
}

export interface EventStream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  events: SseEvent[];
  /** Resolves once `count` events (comments included) have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<SseEvent[]>;
  /** Drops the connection, as a client that goes away would. */
  close(): void;
}

/** Subscribes to a Server-Sent Events URL and collects what arrives. */
export function openEvents(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers, agent: false });
    req.on('error', reject);
    req.on('response', (res) => {
      const events: SseEvent[] = [];
      let buffer = '';
      const waiters: { count: number; resolve: () => void }[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const parsed = parseSse(buffer + chunk);
        buffer = parsed.rest;
        events.push(...parsed.events);
        for (const waiter of [...waiters]) {
          if (events.length >= waiter.count) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve();
          }
        }
      });
      res.on('error', () => {});
      req.removeListener('error', reject);
      req.on('error', () => {});
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        waitFor(count, timeoutMs = 5000) {
          if (events.length >= count) return Promise.resolve(events);
          return new Promise((done, fail) => {
            const timer = setTimeout(
              () => fail(new Error(`only ${events.length} of ${count} events within ${timeoutMs} ms`)),
              timeoutMs,
            );
            waiters.push({
              count,
              resolve: () => {
                clearTimeout(timer);
                done(events);
              },
            });
          });
        },
        close: () => req.destroy(),
      });
    });
    req.end();
  });
}

/** Polls `check` until it holds (or fails after `timeoutMs`). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
