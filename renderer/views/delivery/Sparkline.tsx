import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { useConsole } from '../../store/store';

interface Props {
  label: string;
  /** Week starts, epoch seconds. */
  weeks: readonly number[];
  values: readonly (number | null)[];
  target: number | null;
  threshold: number | null;
}

/** Canvas cannot read CSS variables: the line and the goal lines per theme, as the region graphs do. */
const COLOURS = {
  dark: { line: '#5aa9ff', target: '#3fb950', threshold: '#ff7b72' },
  light: { line: '#0969da', target: '#1a7f37', threshold: '#cf222e' },
} as const;

const HEIGHT = 56;

/**
 * One delivery metric week by week, with its Target (dashed green) and Threshold (dashed red) as flat
 * lines: where the line sits between them is the week's standing. A week with nothing to count is a gap.
 */
export function Sparkline({ label, weeks, values, target, threshold }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const theme = useConsole((s) => s.theme);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const colours = COLOURS[theme];
    const flat = (v: number | null) => weeks.map(() => v);
    const plot = new uPlot(
      {
        width: Math.max(120, element.clientWidth),
        height: HEIGHT,
        legend: { show: false },
        cursor: { show: false },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        axes: [{ show: false }, { show: false }],
        scales: { x: { time: false }, y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] } },
        series: [
          {},
          { label, stroke: colours.line, width: 2, spanGaps: false, points: { show: weeks.length < 30, size: 4 } },
          { label: 'Target', stroke: colours.target, width: 1, dash: [4, 4], points: { show: false } },
          { label: 'Threshold', stroke: colours.threshold, width: 1, dash: [2, 3], points: { show: false } },
        ],
      },
      [[...weeks], [...values], flat(target), flat(threshold)] as uPlot.AlignedData,
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(120, element.clientWidth), height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [label, weeks, values, target, threshold, theme]);
  return <div className="delivery-sparkline" ref={host} role="img" aria-label={`${label}, week by week${target !== null ? `, against its target ${target} and threshold ${threshold}` : ''}`} />;
}
