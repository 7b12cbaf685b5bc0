import { installExitHook } from './report/reporter.js';
import { startMetricsServer } from './server/launch.js';

let active = false;

/**
 * Runs once, when the first item is monitored: nothing happens at import, so a program that enables
 * hotpath but monitors nothing is untouched. The metrics server starts here too (it never holds the
 * process open).
 */
export function activate(): void {
  if (active) return;
  active = true;
  installExitHook();
  void startMetricsServer();
}
