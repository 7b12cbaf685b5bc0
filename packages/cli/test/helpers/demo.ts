import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait.ts';

/** The built command, as `npm run demo` and users run it. */
export const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export function requireBuild(): void {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
}

/** Starts `hotpath demo` without a terminal and resolves once its metrics server listens. */
export async function startDemo(
  seconds: number,
): Promise<{ child: ChildProcess; url: URL; stdout: () => string }> {
  requireBuild();
  const child = spawn(process.execPath, [MAIN, 'demo', '--seconds', String(seconds)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOTPATH: undefined, HOTPATH_METRICS_TOKEN: undefined },
  });
  let stderr = '';
  let stdout = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  const url = await waitFor(
    'the demo to announce its server',
    () => /listening on (http:\S+)/.exec(stderr)?.[1],
  );
  return { child, url: new URL(url), stdout: () => stdout };
}
