/** One small time chart (uPlot, drawn on a canvas) of one series of the selected row's ring. */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { formatDurationMs, formatPlain, formatRate } from '../../src/text/numbers.js';
import type { Ring, Series } from './history.js';

const WIDTH = 320;
const HEIGHT = 110;

function formatValue(series: Series, value: number | null): string {
  if (value === null) return '-';
  if (series.unit === 'ms') return formatDurationMs(value);
  if (series.unit === '/s') return formatRate(value);
  return formatPlain(value);
}

export function Chart({
  ring,
  series,
  version,
}: {
  ring: Ring | undefined;
  series: Series;
  version: number;
}) {
  const holder = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    if (holder.current === null) return;
    plot.current = new uPlot(
      {
        width: WIDTH,
        height: HEIGHT,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min), Math.max(1, max)] } },
        axes: [
          { stroke: '#888', grid: { stroke: '#8883' }, ticks: { show: false } },
          {
            stroke: '#888',
            size: 56,
            grid: { stroke: '#8883' },
            ticks: { show: false },
            values: (_u, splits) => splits.map((v) => formatValue(series, v)),
          },
        ],
        series: [{}, { stroke: '#e8590c', fill: '#e8590c22', width: 1.5, spanGaps: false }],
      },
      [[], []],
      holder.current,
    );
    return () => {
      plot.current?.destroy();
      plot.current = null;
    };
  }, [series]);

  const data = ring?.series(series.key) ?? [[], []];
  useEffect(() => {
    plot.current?.setData(data as uPlot.AlignedData);
  });

  const latest = data[1].length === 0 ? null : data[1][data[1].length - 1]!;
  return (
    <figure class="chart" data-series={series.key} data-points={data[0].length} data-version={version}>
      <figcaption>
        {series.title} <span class="latest">{formatValue(series, latest)}</span>
      </figcaption>
      <div ref={holder} />
    </figure>
  );
}
