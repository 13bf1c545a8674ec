/**
 * A stored document's text with marks, rendered as text nodes only: the text is never parsed as
 * markup, so a report holding `<script>` or `onerror=` shows those characters and nothing runs.
 * The first evidence mark is scrolled into view whenever the marks change.
 */
import { useEffect, useRef } from 'preact/hooks';
import { runsOf, type Mark } from '../../../src/web/index.js';

interface Props {
  text: string;
  marks: Mark[];
  /** The layer whose first run is scrolled into view (the evidence). */
  focus?: string;
  /** Report the words the user selects (offsets into `text`). */
  onSelect?: (box: HTMLElement) => void;
}

export function DocText({ text, marks, focus = 'evidence', onSelect }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const runs = runsOf(text, marks);
  const key = marks.filter((m) => m.layer === focus).map((m) => `${m.start}-${m.end}`).join(',');
  useEffect(() => {
    const first = box.current?.querySelector(`.m-${focus}`);
    if (first) first.scrollIntoView({ block: 'center', behavior: 'auto' });
  }, [key, text.length]);
  return (
    <div ref={box} class="doctext" onMouseUp={() => box.current && onSelect?.(box.current)} onKeyUp={() => box.current && onSelect?.(box.current)}>
      {runs.map((r) =>
        r.marks.length === 0 ? (
          r.text
        ) : (
          <mark
            class={[...new Set(r.marks.map((m) => `m-${m.layer}`))].join(' ')}
            title={r.marks.map((m) => m.title).filter(Boolean).join('\n') || undefined}
            data-start={r.start}
          >
            {r.text}
          </mark>
        ),
      )}
    </div>
  );
}
