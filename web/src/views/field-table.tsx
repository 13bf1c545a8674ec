/**
 * The headline fields: automatic value (click: its evidence opens beside), the reviewed value that
 * overrides it, and for a reviewer the accept / correct / reject controls.
 */
import { useState } from 'preact/hooks';
import type { ReviewField } from '../../../src/review/types.js';
import type { Route } from '../../../src/web/index.js';
import type { IncidentDetail } from '../types.js';
import type { OpenEvidence } from './incident.js';
import { fieldRows, type FieldRow } from './incident-fields.js';
import { review } from './review-api.js';
import { clearPicked, usePicked } from '../selection.js';

const NUMERIC = new Set<ReviewField>(['killed', 'injured', 'arrested']);
const HINT: Partial<Record<ReviewField, string>> = { date: 'YYYY-MM-DD', type: 'e.g. bombing', killed: 'a number', injured: 'a number', arrested: 'a number' };

interface Props {
  detail: IncidentDetail;
  route: Extract<Route, { name: 'incident' }>;
  open: OpenEvidence;
  writer: boolean;
  reload: () => void;
}

export function FieldTable({ detail, route, open, writer, reload }: Props) {
  const rows = fieldRows(detail);
  return (
    <section class="fields">
      <h2>Values</h2>
      <table class="fieldtable">
        <thead><tr><th>Field</th><th>Value (click: its words)</th><th>Reviewed</th>{writer && <th>Review</th>}</tr></thead>
        <tbody>
          {rows.map((row) => <FieldLine row={row} detail={detail} route={route} open={open} writer={writer} reload={reload} />)}
        </tbody>
      </table>
    </section>
  );
}

function FieldLine({ row, detail, route, open, writer, reload }: Props & { row: FieldRow }) {
  const ev = row.attested && row.report && row.attested.evidence.length > 0;
  const on = route.field === row.field;
  const rv = row.reviewed;
  return (
    <tr data-field={row.field} class={rv ? `reviewed ${rv.status}` : ''}>
      <th scope="row">{row.label}</th>
      <td>
        {ev ? (
          <button type="button" class={on ? 'value on' : 'value'} data-field={row.field} title={row.attested!.reason} onClick={() => open(row.report!.docId, row.attested, row.field)}>
            {row.auto}
            {row.attested!.quotes?.[0] && <span class="quote">“{row.attested!.quotes[0]}”</span>}
          </button>
        ) : (
          <span class={rv ? 'auto struck' : 'auto'}>{row.auto}</span>
        )}
        {row.range && <span class="muted"> (reports give {row.range})</span>}
      </td>
      <td class="rv">
        {rv && (
          <span class={`rv-${rv.status}`} title={`${rv.actor}, ${rv.at}${rv.reason ? `: ${rv.reason}` : ''}`}>
            {rv.status === 'rejected' ? 'rejected' : rv.status === 'accepted' ? `✓ ${row.auto}` : `${rv.value}`} <span class="muted">by {rv.actor}</span>
          </span>
        )}
        {rv && rv.evidence.length > 0 && (
          <button type="button" class="link cited" onClick={() => open(rv.evidence[0]!.docId, { evidence: rv.evidence.filter((e) => e.docId === rv.evidence[0]!.docId) }, `${row.field}:review`)}>
            its words
          </button>
        )}
      </td>
      {writer && <td><FieldControls incidentId={detail.incident_id} field={row.field} reload={reload} /></td>}
    </tr>
  );
}

function FieldControls({ incidentId, field, reload }: { incidentId: number; field: ReviewField; reload: () => void }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const picked = usePicked();
  const [cite, setCite] = useState(true);
  const act = (p: Promise<unknown>) => p.then(() => { setEditing(false); setError(null); reload(); }, (e: Error) => setError(e.message));
  const submit = (e: Event) => {
    e.preventDefault();
    const v = NUMERIC.has(field) ? Number(value) : value.trim();
    if (NUMERIC.has(field) && (!Number.isInteger(v) || (v as number) < 0)) return setError('a whole number, 0 or more');
    if (v === '') return setError('a value');
    const evidence = picked && cite ? [{ docId: picked.docId, start: picked.start, end: picked.end }] : undefined;
    void act(review(incidentId, { kind: 'correct', field, value: v, ...(evidence ? { evidence } : {}) }, reason || undefined).then(() => evidence && clearPicked()));
  };
  return (
    <div class="controls">
      <button type="button" class="small" onClick={() => void act(review(incidentId, { kind: 'accept', field }))}>Accept</button>
      <button type="button" class="small" aria-expanded={editing} onClick={() => setEditing(!editing)}>Correct</button>
      <button type="button" class="small" onClick={() => void act(review(incidentId, { kind: 'reject-value', field }))}>Reject</button>
      {editing && (
        <form class="correct" onSubmit={submit}>
          <input name="value" aria-label={`New ${field}`} placeholder={HINT[field] ?? 'new value'} inputMode={NUMERIC.has(field) ? 'numeric' : undefined} value={value} onInput={(e) => setValue((e.target as HTMLInputElement).value)} />
          <input name="reason" aria-label="Reason" placeholder="reason" value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
          <button type="submit" class="small primary">Save</button>
          {picked ? (
            <label class="cite">
              <input type="checkbox" name="cite" checked={cite} onChange={(e) => setCite((e.target as HTMLInputElement).checked)} /> cite the selected words “{picked.text.length > 60 ? `${picked.text.slice(0, 60)}…` : picked.text}”
            </label>
          ) : (
            <span class="muted hint">To cite the words that support it, select them in the document.</span>
          )}
        </form>
      )}
      {error && <span class="error" role="alert">{error}</span>}
    </div>
  );
}
