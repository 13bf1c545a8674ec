/**
 * Incidents (bars) and deaths (line) per day, week or month. Dragging across the chart brushes a
 * range; letting go writes it to the URL, which filters the list and the map.
 */
import { useRef, useState } from 'preact/hooks';
import { BIN_SIZES, binsOf, inRange, rangeOf, type BinSize, type Dated } from '../../../src/web/index.js';

const BAR = 10;
const HEIGHT = 100;

interface Props {
  items: Dated[];
  size: BinSize;
  brush: [string, string] | undefined;
  onBrush: (range: [string, string] | undefined) => void;
  onSize: (size: BinSize) => void;
}

function indexAt(svg: SVGSVGElement, clientX: number, n: number): number {
  const box = svg.getBoundingClientRect();
  return Math.max(0, Math.min(n - 1, Math.floor(((clientX - box.left) / Math.max(1, box.width)) * n)));
}

export function Timeline({ items, size, brush, onBrush, onSize }: Props) {
  const bins = binsOf(items, size);
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<[number, number] | null>(null);
  const maxN = Math.max(1, ...bins.map((b) => b.incidents));
  const maxD = Math.max(1, ...bins.map((b) => b.deaths));
  const live = drag ? rangeOf(bins, drag[0], drag[1]) : (brush ?? null);
  const totalDeaths = bins.reduce((s, b) => s + b.deaths, 0);
  const down = (e: PointerEvent) => {
    if (!svg.current || bins.length === 0) return;
    svg.current.setPointerCapture(e.pointerId);
    const i = indexAt(svg.current, e.clientX, bins.length);
    setDrag([i, i]);
  };
  const move = (e: PointerEvent) => {
    if (drag && svg.current) setDrag([drag[0], indexAt(svg.current, e.clientX, bins.length)]);
  };
  const up = () => {
    if (!drag) return;
    setDrag(null);
    onBrush(rangeOf(bins, drag[0], drag[1]) ?? undefined);
  };
  const line = bins.map((b, i) => `${i * BAR + BAR / 2},${HEIGHT - (b.deaths / maxD) * (HEIGHT - 4)}`).join(' ');
  return (
    <section class="timeline" aria-label="Timeline">
      <div class="timeline-head">
        <h2>Timeline</h2>
        <span class="legend"><i class="sw-bar" /> incidents <i class="sw-line" /> deaths ({totalDeaths})</span>
        <span class="seg" role="group" aria-label="Bin size">
          {BIN_SIZES.map((s) => (
            <button type="button" class={s === size ? 'on' : ''} aria-pressed={s === size} onClick={() => onSize(s)}>{s}</button>
          ))}
        </span>
        {brush && (
          <span class="brushed">
            {brush[0]} – {brush[1]} <button type="button" class="link" onClick={() => onBrush(undefined)}>clear</button>
          </span>
        )}
      </div>
      {bins.length === 0 ? (
        <p class="muted">No dated incidents.</p>
      ) : (
        <svg
          ref={svg}
          class="chart"
          viewBox={`0 0 ${bins.length * BAR} ${HEIGHT}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={`Incidents per ${size}: drag to select a range`}
          data-bins={bins.length}
          onPointerDown={down}
          onPointerMove={move}
          onPointerUp={up}
          onPointerCancel={() => setDrag(null)}
        >
          {bins.map((b, i) => (
            <rect
              class={inRange(b, live) ? 'bar' : 'bar out'}
              x={i * BAR + 1}
              width={BAR - 2}
              y={HEIGHT - (b.incidents / maxN) * (HEIGHT - 4)}
              height={(b.incidents / maxN) * (HEIGHT - 4)}
            >
              <title>{`${b.start}${b.end !== b.start ? ` – ${b.end}` : ''}: ${b.incidents} incidents, ${b.deaths} deaths`}</title>
            </rect>
          ))}
          <polyline class="deaths" points={line} vector-effect="non-scaling-stroke" />
        </svg>
      )}
      {bins.length > 0 && (
        <div class="axis"><span>{bins[0]!.start}</span><span>{bins[bins.length - 1]!.end}</span></div>
      )}
    </section>
  );
}
