import { type ChildProcess, spawn } from 'node:child_process';
import { waitFor } from './wait.ts';

/**
 * Starts a monitored scenario (metrics server on a free port, no report at exit) and waits for the
 * `url …` line it prints once its server listens.
 */
export async function startProgram(
  scenario: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', scenario], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOTPATH: '1', HOTPATH_METRICS_PORT: '0', HOTPATH_REPORT: 'off', ...env },
  });
  let stdout = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  const url = await waitFor(
    'the scenario to announce its server',
    () => /^url (\S+)/m.exec(stdout)?.[1],
    20_000,
  );
  return { child, port: Number(new URL(url).port) };
}
