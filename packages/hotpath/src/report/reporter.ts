import { config } from '../config.js';
import { recordFault } from '../registry/faults.js';
import { futureRegistry } from '../registry/futures.js';
import { takeSnapshot, takeSnapshotWithSites } from '../registry/snapshot.js';
import type { Guard, ReportOptions } from '../types.js';
import { useColor, writeReportNow } from './output.js';
import { renderReport } from './render.js';
import { PENDING_SHOWN } from './sections/futures.js';

/** Guards that have started and not yet printed; while any is open, the default exit report stays quiet. */
const openGuards = new Set<ReportGuard>();
let exitHookInstalled = false;
let reported = false;
/** Once the program uses guards, it decides when reports print; the default one never doubles them. */
let guardsUsed = false;

export class ReportGuard implements Guard {
  private printed = false;
  private readonly timer: NodeJS.Timeout | null;

  constructor(private readonly options: ReportOptions) {
    openGuards.add(this);
    guardsUsed = true;
    installExitHook();
    this.timer =
      options.timeoutMs === undefined
        ? null
        : setTimeout(() => {
            this.printNow();
            process.exit(0);
          }, options.timeoutMs).unref();
  }

  async stop(): Promise<void> {
    this.printNow();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  printNow(): void {
    if (this.printed) return;
    this.printed = true;
    openGuards.delete(this);
    if (this.timer !== null) clearTimeout(this.timer);
    printReport(this.options);
  }
}

function printReport(options: ReportOptions): void {
  try {
    const format = options.format ?? (config.report === 'off' ? 'table' : config.report);
    // Tables print one row per site unless HOTPATH_REPORT_ROWS=instance; JSON carries both.
    const snapshot = format === 'table' ? takeSnapshot(config.reportRows) : takeSnapshotWithSites();
    const text = renderReport(snapshot, {
      format,
      sections: options.sections,
      color: useColor(options.output),
      pending: futureRegistry.pendingCalls(PENDING_SHOWN),
    });
    writeReportNow(text, options.output);
  } catch (error) {
    recordFault(error);
  }
}

/** What else runs at exit, after the report (the recording's last frame): on a signal too. */
const exitTasks: (() => void)[] = [];

export function afterExitReport(task: () => void): void {
  exitTasks.push(task);
}

/** Prints what is due at exit: every guard still open, or else the default report. Once. */
function reportAtExit(): void {
  if (reported) return;
  reported = true;
  if (openGuards.size > 0) {
    for (const guard of [...openGuards]) guard.printNow();
  } else if (!guardsUsed && config.report !== 'off') {
    printReport({ format: config.report });
  }
  for (const task of exitTasks) task();
}

/**
 * Prints the report when the process ends, without changing how it ends: no handle is kept open, the
 * exit code is untouched, and a signal that would have killed the process still kills it (re-raised once
 * the report is out) unless the program handles that signal itself.
 */
export function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', reportAtExit);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = () => {
      // Another listener means the program handles the signal itself; the report waits for the exit.
      if (process.listenerCount(signal) > 1) return;
      process.removeListener(signal, onSignal);
      reportAtExit();
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}
