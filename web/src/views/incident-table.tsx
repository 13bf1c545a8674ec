/** The incident list: the numbers that matter per row, newest first (undated last), a page at a time ("More"). */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Filters, View } from '../../../src/web/index.js';
import { filterParams, getJson } from '../api.js';
import { kindLabel, num, placeLabel } from '../format.js';
import { linkProps } from '../router.js';
import type { IncidentList, IncidentSummary } from '../types.js';

const PAGE = 50;

type Rows = { key: string; rows: IncidentSummary[]; next: string | null; total: number | null; error: string | null; loading: boolean };

export function IncidentTable({ view, filters, gen = 0 }: { view: View; filters: Filters & { bbox?: [number, number, number, number] }; gen?: number }) {
  const params = filterParams(filters);
  const key = `${gen}:${JSON.stringify(params)}`;
  const [s, setS] = useState<Rows>({ key: '', rows: [], next: null, total: null, error: null, loading: true });
  // The filters now shown: an answer for older filters (a slow page, a superseded "More") is dropped.
  const live = useRef(key);
  live.current = key;
  const load = (cursor: string | null) => {
    setS((x) => ({ ...x, loading: true }));
    getJson<IncidentList>('/api/incidents', { ...params, sort: '-date', limit: PAGE, with_total: cursor ? undefined : true, cursor }).then(
      (page) => live.current === key && setS((x) => ({
        key, rows: cursor ? [...x.rows, ...page.incidents] : page.incidents, next: page.next, total: page.total ?? (cursor ? x.total : null), error: null, loading: false,
      })),
      (e: Error) => live.current === key && setS((x) => ({ ...x, key, error: e.message, loading: false })),
    );
  };
  useEffect(() => load(null), [key]);
  const rows = s.key === key ? s.rows : [];
  return (
    <section class="list" aria-label="Incidents">
      <div class="list-head">
        <h2>Incidents</h2>
        <span class="count" data-total={s.total ?? ''}>{s.total !== null ? `${s.total} incident${s.total === 1 ? '' : 's'}` : ''}</span>
      </div>
      {s.error && <p class="error" role="alert">{s.error}</p>}
      <table class="incidents">
        <thead>
          <tr>
            <th>Date</th><th>Place</th><th>Type</th><th class="n">Killed</th><th class="n">Injured</th><th class="n">Sources</th><th class="n">Conflicts</th><th>Review</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => <Row view={view} r={r} />)}
        </tbody>
      </table>
      {!s.loading && rows.length === 0 && !s.error && <p class="muted">No incidents match.</p>}
      {s.next && s.key === key && (
        <button type="button" class="more" disabled={s.loading} onClick={() => load(s.next)}>More</button>
      )}
    </section>
  );
}

function Row({ view, r }: { view: View; r: IncidentSummary }) {
  const link = linkProps({ ...view, route: { name: 'incident', id: r.incident_id } });
  return (
    <tr data-id={r.incident_id}>
      <td class="date">{r.date ?? '—'}</td>
      <td class="place"><a {...link} title={placeLabel(r.place)}>{r.place ? [r.place.name, r.place.country].filter((x, i, a) => x && a.indexOf(x) === i).join(', ') : '—'}</a><div class="label">{r.label}</div></td>
      <td>{kindLabel(r.type.kind)}</td>
      <td class="n" data-label="killed">{num(r.killed)}</td>
      <td class="n" data-label="injured">{num(r.injured)}</td>
      <td class="n" data-label="sources">{r.sources}</td>
      <td class={r.contradictions ? 'n warn' : 'n'} data-label="conflicts">{r.conflicts ? `${r.conflicts}${r.contradictions ? ` (${r.contradictions}✗)` : ''}` : '0'}</td>
      <td class="review">{r.reviewed ? <span class="badge ok">reviewed</span> : <span class="badge">automatic</span>}</td>
    </tr>
  );
}
