import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Series {
  label: string;
  values: (number | null)[];
  color: string;
}

interface ChartProps {
  /** x values: Unix seconds for a time axis, or bucket indexes with labels. */
  x: number[];
  series: Series[];
  /** Bars (a histogram) rather than lines (a time series). */
  bars?: boolean;
  /** Labels of the x values, for a non-time axis. */
  xLabels?: string[];
  /** What the x values are, for the legend. */
  xName?: string;
  height?: number;
  title: string;
}

/** A uPlot chart that fills its container's width and follows it when the window resizes. */
export function Chart({ x, series, bars = false, xLabels, xName = 'Time', height = 220, title }: ChartProps) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) {
      return;
    }
    const options: uPlot.Options = {
      width: element.clientWidth,
      height,
      // Bars get half a bucket of room at each end, so the outer ones are drawn whole.
      scales: { x: { time: !xLabels, ...(bars ? { range: (_u, min, max) => [min - 0.5, max + 0.5] as uPlot.Range.MinMax } : {}) } },
      cursor: { drag: { x: false, y: false } },
      axes: [
        // Whole indexes only: a label between two days would name neither.
        xLabels ? { values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? xLabels[s] ?? '' : '')) } : {},
        { size: 56 },
      ],
      series: [
        { label: xName, value: (_u, v) => (v === null ? '–' : xLabels ? xLabels[v] ?? '' : new Date(v * 1000).toISOString()) },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          fill: bars ? s.color : `${s.color}22`,
          width: bars ? 0 : 2,
          paths: bars ? uPlot.paths.bars!({ size: [0.8, 64] }) : undefined,
          points: { show: !bars && x.length < 40 },
        })),
      ],
      legend: { show: series.length > 1 },
    };
    const plot = new uPlot(options, [x, ...series.map((s) => s.values)], element);
    const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [x, series, bars, xLabels, xName, height]);

  return <div ref={container} className="chart" role="img" aria-label={title} />;
}
