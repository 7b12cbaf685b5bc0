/** Tab 4: the program's event loop, heap, GC and stalls, as the snapshot's `runtime` section has them. */

import { formatBytes, formatCount, formatDurationMs } from '../../src/text/numbers.js';
import type { Snapshot } from '../../src/types.js';

export function RuntimePanel({ snapshot }: { snapshot: Snapshot | null }) {
  const runtime = snapshot?.runtime;
  if (runtime === undefined)
    return <p class="empty">No runtime figures yet (the sampler starts with monitoring).</p>;
  const facts: [string, string][] = [
    ['Event loop delay p50', formatDurationMs(runtime.eventLoop.delayP50Ms)],
    ['Event loop delay p99', formatDurationMs(runtime.eventLoop.delayP99Ms)],
    ['Event loop delay max', formatDurationMs(runtime.eventLoop.delayMaxMs)],
    ['Event loop utilisation', `${(runtime.eventLoop.utilization * 100).toFixed(1)}%`],
    ['Heap used', formatBytes(runtime.heap.usedBytes)],
    ['Heap total', formatBytes(runtime.heap.totalBytes)],
    ['Heap limit', formatBytes(runtime.heap.limitBytes)],
    ['RSS', formatBytes(runtime.rssBytes)],
    ['GC runs', formatCount(runtime.gc.count)],
    ['GC time', formatDurationMs(runtime.gc.totalMs)],
    ['Stalls (≥ 100 ms)', formatCount(runtime.stallCount)],
    ['Threads', formatCount(runtime.threads.length)],
  ];
  return (
    <div class="runtime">
      <dl>
        {facts.map(([name, value]) => (
          <div key={name} data-fact={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {runtime.stalls.length > 0 && (
        <section>
          <h3>Recent stalls</h3>
          <ol class="log-lines">
            {runtime.stalls.map((stall) => (
              <li key={stall.atMs}>
                <span class="at">{formatDurationMs(stall.atMs)}</span>
                <span class="message">blocked {formatDurationMs(stall.durationMs)}</span>
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
