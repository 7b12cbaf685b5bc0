import { installExitHook } from './report/reporter.js';

let active = false;

/**
 * Runs once, when the first item is monitored: nothing happens at import, so a program that enables
 * hotpath but monitors nothing is untouched.
 */
export function activate(): void {
  if (active) return;
  active = true;
  installExitHook();
}
