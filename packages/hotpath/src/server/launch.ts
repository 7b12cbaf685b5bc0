import { config } from '../config.js';
import { recordFault } from '../registry/faults.js';

let started: Promise<string | null> | null = null;
/** Who learns the URL instead of stderr (`hotpath run` reads it from a file); null: the usual stderr line. */
let announceTo: ((url: string) => void) | null = null;

/** Sends the "listening on" news to `receiver` instead of stderr. Call before the server starts. */
export function announceServerTo(receiver: (url: string) => void): void {
  announceTo = receiver;
}

/**
 * Starts the metrics server once (unless monitoring or the server is off) and resolves to its URL, or to
 * null when there is none. The server code and `node:http` load only here, so a program that never
 * monitors anything never loads them.
 */
export function startMetricsServer(): Promise<string | null> {
  started ??= launch();
  return started;
}

async function launch(): Promise<string | null> {
  if (!config.enabled || config.metricsServerOff) return null;
  try {
    const { listenMetricsServer } = await import('./server.js');
    const server = await listenMetricsServer({
      host: config.metricsHost,
      port: config.metricsPort,
      token: config.metricsToken,
      ...(announceTo === null ? {} : { announce: () => {} }),
    });
    if (server !== null && announceTo !== null) announceTo(server.url);
    return server?.url ?? null;
  } catch (error) {
    recordFault(error);
    return null;
  }
}
