import diagnostics from 'node:diagnostics_channel';
import type { EventLoopUtilization } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import { originEpochMs } from '../registry/clock.js';
import { shielded } from '../registry/faults.js';
import type { Lint, ThreadStats } from '../types.js';
import type { WorkerReport } from './bridge.js';
import { MinuteHistory } from './history.js';
import { round } from './sampler.js';

type RowKind = 'channels' | 'streams' | 'futures' | 'channelSites' | 'streamSites';

/** Threads remembered at most; exited ones are forgotten first. */
const THREADS_KEPT = 256;
/** Worker row ids are moved into their own range so that they never collide with the main thread's. */
const ID_STRIDE = 2 ** 32;

interface TrackedThread {
  threadId: number;
  name: string;
  worker: Worker | null;
  alive: boolean;
  lastElu: EventLoopUtilization | null;
  utilization: number;
  utilizationHistory: MinuteHistory<number>;
  report: WorkerReport | null;
  seenAt: number;
}

/**
 * The main thread's view of its workers: every worker the process starts (announced on the
 * `worker_threads` diagnostics channel) with its loop utilisation measured from here, and, for workers
 * that load hotpath, the rows and figures they publish. A worker's final report stays after it exits.
 */
export class WorkerThreads {
  private readonly threads = new Map<number, TrackedThread>();
  private sequence = 0;
  private readonly onWorker = (message: unknown) =>
    shielded(() => this.track((message as { worker: Worker }).worker), undefined);

  constructor(private readonly intervalMs: number) {}

  start(): void {
    diagnostics.subscribe('worker_threads', this.onWorker);
  }

  stop(): void {
    diagnostics.unsubscribe('worker_threads', this.onWorker);
  }

  private entry(threadId: number): TrackedThread {
    let thread = this.threads.get(threadId);
    if (thread === undefined) {
      this.evictIfFull();
      thread = {
        threadId,
        name: `worker ${threadId}`,
        worker: null,
        alive: true,
        lastElu: null,
        utilization: 0,
        utilizationHistory: new MinuteHistory(this.intervalMs),
        report: null,
        seenAt: this.sequence++,
      };
      this.threads.set(threadId, thread);
    }
    return thread;
  }

  track(worker: Worker): void {
    const thread = this.entry(worker.threadId);
    thread.worker = worker;
  }

  accept(report: WorkerReport): void {
    const thread = this.entry(report.threadId);
    thread.name = report.name;
    thread.report = report;
    if (report.final) thread.alive = false;
  }

  /** Once per sampler interval: each live worker's loop utilisation, read from the main thread. */
  sample(): void {
    for (const thread of this.threads.values()) {
      const worker = thread.worker;
      if (worker === null || !thread.alive) continue;
      // A worker that has exited reports thread id -1; its last figures stay as they were.
      if (worker.threadId !== thread.threadId) {
        thread.alive = false;
        thread.worker = null;
        continue;
      }
      shielded(() => {
        const now = worker.performance.eventLoopUtilization();
        if (thread.lastElu !== null) {
          thread.utilization = round(
            worker.performance.eventLoopUtilization(now, thread.lastElu).utilization,
          );
          thread.utilizationHistory.push(thread.utilization);
        }
        thread.lastElu = now;
      }, undefined);
    }
  }

  private evictIfFull(): void {
    if (this.threads.size < THREADS_KEPT) return;
    let oldest: TrackedThread | null = null;
    for (const thread of this.threads.values())
      if (!thread.alive && (oldest === null || thread.seenAt < oldest.seenAt)) oldest = thread;
    const victim = oldest ?? this.threads.values().next().value!;
    this.threads.delete(victim.threadId);
  }

  stats(): ThreadStats[] {
    const out: ThreadStats[] = [];
    for (const thread of this.threads.values()) {
      // A worker that exited since the last interval is known as such at once.
      if (thread.worker !== null && thread.worker.threadId !== thread.threadId) thread.alive = false;
      const report = thread.report;
      // Measured from here when we hold the Worker; else (nested workers) what the worker said.
      const fromHere = thread.utilizationHistory.values().length > 0;
      out.push({
        threadId: thread.threadId,
        name: thread.name,
        alive: thread.alive,
        monitored: report !== null,
        eventLoop: {
          delayP50Ms: report?.eventLoop.delayP50Ms ?? null,
          delayP99Ms: report?.eventLoop.delayP99Ms ?? null,
          delayMaxMs: report?.eventLoop.delayMaxMs ?? null,
          utilization: fromHere ? thread.utilization : (report?.eventLoop.utilization ?? 0),
        },
        ...(report === null ? {} : { heap: report.heap }),
        utilizationHistory: fromHere
          ? thread.utilizationHistory.values()
          : (report?.utilizationHistory ?? []),
        delayP99History: report?.delayP99History ?? [],
      });
    }
    return out.sort((a, b) => a.threadId - b.threadId);
  }

  /** The rows every monitored worker last published, each with its thread id and an id of its own. */
  rows<K extends RowKind>(kind: K): WorkerReport[K] {
    const out: { id: number; threadId?: number }[] = [];
    for (const thread of this.threads.values()) {
      // A report from an older hotpath in the worker may lack a kind.
      const rows = thread.report?.[kind] as { id: number }[] | undefined;
      if (!Array.isArray(rows)) continue;
      for (const row of rows) {
        const moved = { ...row, id: thread.threadId * ID_STRIDE + row.id, threadId: thread.threadId };
        const after = (row as { after?: { rowId: number } }).after;
        if (after !== undefined)
          Object.assign(moved, { after: { ...after, rowId: thread.threadId * ID_STRIDE + after.rowId } });
        out.push(moved);
      }
    }
    return out as never;
  }

  /**
   * The lints every live worker last published, moved onto this thread's ids (as `rows` moves them) and
   * clock, each with its thread id. An exited worker's rows are finished: it raises nothing.
   */
  lints(by: 'instance' | 'site'): Lint[] {
    const out: Lint[] = [];
    const origin = originEpochMs();
    for (const thread of this.threads.values()) {
      const report = thread.report;
      const lints = by === 'site' ? report?.siteLints : report?.lints;
      if (!thread.alive || !Array.isArray(lints)) continue;
      const shift = report!.originEpochMs === undefined ? 0 : report!.originEpochMs - origin;
      for (const lint of lints) {
        const loop = lint.kind === 'runtime';
        out.push({
          ...lint,
          rowId: thread.threadId * ID_STRIDE + lint.rowId,
          label: loop ? `${thread.name} ${lint.label}` : lint.label,
          since: Math.round((lint.since + shift) * 1000) / 1000,
          threadId: thread.threadId,
        });
      }
    }
    return out;
  }

  faults(): number {
    let total = 0;
    for (const thread of this.threads.values()) total += thread.report?.faults ?? 0;
    return total;
  }
}
