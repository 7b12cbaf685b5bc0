import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ScriptResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit, in milliseconds. */
  elapsedMs: number;
}

/** Where the scenario scripts live. */
export const scenarios = (name: string) => fileURLToPath(new URL(`../scenarios/${name}`, import.meta.url));

/**
 * Runs a TypeScript script in a fresh Node process through tsx, the way a user would, and collects what it
 * printed. Monitoring is off unless `env` switches it on; the metrics server is off unless asked for, so
 * that parallel test files never fight over a port.
 */
export function runScript(
  file: string,
  env: Record<string, string | undefined> = {},
  options: {
    args?: string[];
    timeoutMs?: number;
    onSpawn?: (child: import('node:child_process').ChildProcess) => void;
  } = {},
): Promise<ScriptResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...(options.args ?? [])], {
      env: { ...cleanEnv(), HOTPATH_METRICS_SERVER_OFF: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    options.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`${file} did not finish within ${options.timeoutMs ?? 30_000} ms\n${stdout}\n${stderr}`),
      );
    }, options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, elapsedMs: performance.now() - started });
    });
  });
}

/** The test process's environment without any HOTPATH_* or colour settings that would leak in. */
function cleanEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('HOTPATH') && key !== 'NO_COLOR' && key !== 'FORCE_COLOR') env[key] = value;
  }
  return env;
}
