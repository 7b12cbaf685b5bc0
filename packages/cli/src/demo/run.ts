/** `hotpath demo`: the pipeline with the console attached, or, without a terminal, a timed run and its report. */
import { serverUrl, start } from 'hotpath';
import type { DemoArgs } from '../args.js';
import { startPipeline } from './pipeline.js';

export async function runDemo(args: DemoArgs): Promise<number> {
  const interactive = process.stdout.isTTY === true && process.stdin.isTTY === true;
  const controller = new AbortController();
  if (!interactive) {
    const guard = start({ format: 'table' });
    void startPipeline(controller.signal);
    await new Promise((resolve) => setTimeout(resolve, args.seconds * 1000));
    // The report shows the pipeline running (jobs full, futures pending), so it is taken before stopping.
    await guard.stop();
    controller.abort();
    return 0;
  }
  void startPipeline(controller.signal);
  const url = await serverUrl();
  if (url === null) {
    controller.abort();
    throw new Error('the demo could not start its metrics server');
  }
  const { hostname, port } = new URL(url);
  const { runConsole } = await import('../console/run.js');
  await runConsole({
    endpoint: {
      host: hostname.replace(/^\[(.*)\]$/, '$1'),
      port: Number(port),
      token: process.env.HOTPATH_METRICS_TOKEN || null,
    },
    refreshMs: args.refreshMs,
    limit: 10_000,
    title: `hotpath demo · ${url}`,
  });
  controller.abort();
  return 0;
}
