import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Times on the charts read in UTC: the mock's clock is the Omni system time, labelled as such. */
const utc = (ts: number) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC');

/**
 * One uPlot chart that fills its container's width and follows new data without being rebuilt
 * (a rebuild only when the series change). The chart is drawn on a canvas: the caller gives the
 * same figures as text beside it. `data-points` says how many points it drew (for tests).
 */
export function UplotChart({
  options,
  data,
  height = 220,
  testId,
}: {
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  height?: number;
  testId: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const made = new uPlot(
      { ...options, tzDate: utc, width: Math.max(280, el.clientWidth), height },
      latest.current,
      el,
    );
    chart.current = made;
    const resize = new ResizeObserver(() => made.setSize({ width: Math.max(280, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      made.destroy();
      chart.current = null;
    };
  }, [options, height]);

  useEffect(() => {
    chart.current?.setData(data);
  }, [data]);

  return <div ref={box} data-testid={testId} data-points={data[0]?.length ?? 0} aria-hidden="true" />;
}
