/** Canned snapshots and a data source that serves them: the console's input, without a program behind it. */
import type { Snapshot } from 'hotpath';
import type { DataSource, DetailKind, FeedState } from '../../src/client/feed.ts';

export {
  channelRow,
  functionRow,
  futureRow,
  gaugeRow,
  snapshot,
  streamRow,
} from '../../../hotpath/test/helpers/rows.ts';

/** A data source holding whatever the test pushes; details are looked up by `kind:id`. */
export class CannedSource implements DataSource {
  readonly address = '127.0.0.1:6770';
  readonly refreshMs = 500;
  private state: FeedState = {
    phase: 'connecting',
    snapshot: null,
    problem: null,
    receivedAt: null,
    transport: 'events',
  };
  private readonly listeners = new Set<() => void>();
  readonly details = new Map<string, unknown>();
  readonly detailRequests: string[] = [];

  constructor(first?: Snapshot) {
    if (first !== undefined) this.push(first);
  }

  push(next: Snapshot): void {
    this.set({ phase: 'live', snapshot: next, problem: null, receivedAt: Date.now() });
  }

  set(change: Partial<FeedState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }

  current(): FeedState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  fetchDetail(kind: DetailKind, id: number, bySite = false): Promise<unknown> {
    const key = `${kind}:${bySite ? 'site:' : ''}${id}`;
    this.detailRequests.push(key);
    const body = this.details.get(key);
    return body === undefined ? Promise.reject(new Error(`no ${kind} with id ${id}`)) : Promise.resolve(body);
  }

  /** Instance lists by `kind:siteId`, as `/channels?site=ID` answers them. */
  readonly instances = new Map<string, unknown>();

  fetchInstances(kind: DetailKind, siteId: number): Promise<unknown> {
    this.detailRequests.push(`${kind}?site=${siteId}`);
    const body = this.instances.get(`${kind}:${siteId}`);
    return body === undefined ? Promise.reject(new Error(`no site ${siteId}`)) : Promise.resolve(body);
  }

  close(): void {
    this.listeners.clear();
  }
}
