/** The environment a monitored program starts with: hotpath on, the preload in NODE_OPTIONS, and the claim. */
import { randomBytes } from 'node:crypto';

/** The variable the preload reads its run directory from (hotpath's `auto/run-claim.ts`). */
export const RUN_VARIABLE = 'HOTPATH_RUN';

export function programEnvironment(
  base: NodeJS.ProcessEnv,
  registerUrl: string,
  runDirectory: string,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  // Appended, so the program's own options keep applying; a file URL needs no quoting (spaces are %20).
  const preload = `--import=${registerUrl}`;
  env.NODE_OPTIONS = base.NODE_OPTIONS ? `${base.NODE_OPTIONS} ${preload}` : preload;
  env.HOTPATH = '1';
  env[RUN_VARIABLE] = runDirectory;
  // Any free port (the preload tells the real one), loopback only, and a token only this run knows.
  env.HOTPATH_METRICS_PORT = '0';
  env.HOTPATH_METRICS_HOST = '127.0.0.1';
  env.HOTPATH_METRICS_TOKEN = randomBytes(16).toString('hex');
  delete env.HOTPATH_METRICS_SERVER_OFF;
  return env;
}
