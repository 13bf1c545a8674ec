/**
 * One incident: every field with its value, and beside it the source document with the evidence
 * words lit and scrolled into view (the URL's doc and span say which). Below: each report's values,
 * where the sources disagree (side by side, with the policy's headline and why), claims by kind,
 * linked incidents, sources, and the review trail with the reviewer's controls.
 */
import { useEffect } from 'preact/hooks';
import type { Route, View } from '../../../src/web/index.js';
import { ApiError, getJson } from '../api.js';
import { kindLabel, placeLabel, valueText } from '../format.js';
import { useLoad } from '../hooks.js';
import { go, linkProps } from '../router.js';
import { canWrite, useSession } from '../session.js';
import type { AttestedView, IncidentDetail, ReportView } from '../types.js';
import { DocPane } from './docpane.js';
import { FieldTable } from './field-table.js';
import { FIELD_NAMES, reportValues } from './incident-fields.js';
import { ClaimsByKind, Conflicts, Links, Sources } from './incident-parts.js';
import { History, ReportActions, ReviewPanel } from './incident-review.js';

type IncidentRoute = Extract<Route, { name: 'incident' }>;

/** What opening a value's evidence does: the document beside the fields, the spans lit. */
export type OpenEvidence = (docId: string, a: { evidence: { start: number; end: number }[] } | null, field?: string) => void;

export function IncidentPage({ view, route }: { view: View; route: IncidentRoute }) {
  const { session } = useSession();
  const detail = useLoad(`incident:${route.id}`, () => getJson<IncidentDetail>(`/api/incidents/${route.id}`), true);
  const d = detail.data;
  useEffect(() => {
    // The id was merged into another: the API redirected; show the live one under its own id.
    if (d && d.incident_id !== route.id) go({ ...view, route: { ...route, id: d.incident_id } }, { replace: true });
    if (d) document.title = `#${d.incident_id} ${d.label} — Dossier`;
  }, [d, route.id]);
  const open: OpenEvidence = (docId, a, field) => {
    const spans = (a?.evidence ?? []).map((e) => [e.start, e.end] as [number, number]);
    go({ ...view, route: { name: 'incident', id: route.id, doc: docId, ...(spans.length ? { spans } : {}), ...(field ? { field } : {}) } }, { replace: !!route.doc });
  };
  if (detail.error) {
    const gone = detail.error instanceof ApiError && detail.error.status === 404;
    return <main class="page"><h1>{gone ? 'No such incident' : 'Could not load the incident'}</h1><p class="error">{detail.error.message}</p></main>;
  }
  if (!d) return <main class="page"><p class="muted">Loading…</p></main>;
  const writer = canWrite(session);
  const rejected = d.review?.effective.rejected;
  return (
    <main class={route.doc ? 'incident with-doc' : 'incident'}>
      <div class="incident-main">
        <a class="back" {...linkProps({ ...view, route: { name: 'explore' } })}>← Incidents</a>
        <h1>
          {d.label} <span class="muted">#{d.incident_id}</span>
          {d.review?.effective.reviewed && <span class="badge ok">reviewed</span>}
          {rejected && <span class="badge bad">rejected: not an incident</span>}
        </h1>
        <p class="sub">
          {d.date_iso ?? 'undated'} · {placeLabel(d.place ? { name: d.place.place.name, admin1: d.place.place.admin1Name, country: d.place.place.countryName } : null)} ·{' '}
          {kindLabel(d.type.kind)} · {d.sources} source{d.sources === 1 ? '' : 's'} · headline figures by the “{d.policy}” policy
        </p>
        <FieldTable detail={d} route={route} open={open} writer={writer} reload={detail.reload} />
        <Conflicts detail={d} open={open} />
        <section class="reports">
          <h2>Reports</h2>
          {d.reports.map((r) => (
            <Report r={r} route={route} open={open} writer={writer} incidentId={d.incident_id} reload={detail.reload} rejected={!!d.review?.effective.rejectedReports.includes(r.id)} />
          ))}
        </section>
        <ClaimsByKind detail={d} open={open} />
        <Links view={view} detail={d} />
        <Sources view={view} detail={d} />
        <History detail={d} writer={writer} reload={detail.reload} />
        {writer && <ReviewPanel detail={d} reload={detail.reload} />}
      </div>
      {route.doc && (
        <DocPane
          view={view}
          docId={route.doc}
          spans={route.spans ?? []}
          onClose={() => go({ ...view, route: { name: 'incident', id: route.id } }, { replace: true })}
        />
      )}
    </main>
  );
}

function Value({ a, docId, field, route, open }: { a: AttestedView; docId: string; field: string; route: IncidentRoute; open: OpenEvidence }) {
  const on = route.doc === docId && route.field === field && a.evidence.some((e) => route.spans?.some(([s, t]) => s === e.start && t === e.end));
  return (
    <button
      type="button"
      class={on ? 'value on' : 'value'}
      data-field={field}
      disabled={a.evidence.length === 0}
      title={`${a.reason} (${a.stage}, confidence ${a.confidence.toFixed(2)})`}
      onClick={() => open(docId, a, field)}
    >
      {valueText(a.value)}
      {a.quotes && a.quotes.length > 0 && <span class="quote">“{a.quotes.join(' … ')}”</span>}
    </button>
  );
}

function Report(props: { r: ReportView; route: IncidentRoute; open: OpenEvidence; writer: boolean; incidentId: number; reload: () => void; rejected: boolean }) {
  const { r, route, open } = props;
  const doc = r.document;
  return (
    <article class={props.rejected ? 'report rejected' : 'report'} data-report={r.id}>
      <h3>
        <button type="button" class="link" onClick={() => open(r.docId, { evidence: [r.anchor] }, 'sentence')}>{doc.title ?? doc.source ?? r.docId}</button>
        <span class="muted"> {doc.publisher ?? doc.author ?? ''} {doc.published ?? ''}</span>
        {r.inPassing && <span class="badge">in passing</span>}
        {props.rejected && <span class="badge bad">rejected: not counted</span>}
      </h3>
      <blockquote class="sentence">{r.sentence}</blockquote>
      <dl class="values">
        {reportValues(r).map(({ key, values }) => (
          <>
            <dt>{FIELD_NAMES[key] ?? key}</dt>
            <dd>
              {values.length === 0 ? <span class="muted">—</span> : values.map((a) => <Value a={a} docId={r.docId} field={`${r.id}:${key}`} route={route} open={open} />)}
            </dd>
          </>
        ))}
      </dl>
      {props.writer && !props.rejected && <ReportActions incidentId={props.incidentId} reportId={r.id} reload={props.reload} />}
    </article>
  );
}
