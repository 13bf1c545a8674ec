/** The review trail and the incident-wide controls: note, merge, reject the incident, undo; per report: reject, split. */
import { useState } from 'preact/hooks';
import type { ReviewAction, ReviewRecord } from '../../../src/review/types.js';
import type { IncidentDetail } from '../types.js';
import { review } from './review-api.js';

function describe(a: ReviewAction): string {
  switch (a.kind) {
    case 'accept': return `accepted ${a.field}`;
    case 'correct': return `corrected ${a.field} to ${a.value}`;
    case 'reject-value': return `rejected ${a.field}`;
    case 'reject-report': return `rejected report ${a.reportId}`;
    case 'reject-incident': return 'rejected the incident (not an incident)';
    case 'merge': return `merged incident #${a.other} into this one`;
    case 'split': return `split report ${a.reportId} out`;
    case 'note': return `note: ${a.text}`;
    case 'undo': return `undid record ${a.recordId}`;
  }
}

/** A record's before or after, in a few words: a value and its status, a record undone, an incident. */
function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v !== 'object') return String(v);
  const o = v as Record<string, unknown>;
  if ('value' in o) return `${o.value ?? '—'}${typeof o.status === 'string' && o.status !== 'automatic' ? ` (${o.status})` : ''}`;
  if ('record' in o) return `record ${String(o.record)} ${o.standing ? 'standing' : 'undone'}`;
  if ('incidentId' in o) return `incident #${String(o.incidentId)}`;
  return JSON.stringify(v);
}

export function History({ detail, writer, reload }: { detail: IncidentDetail; writer: boolean; reload: () => void }) {
  const trail: ReviewRecord[] = detail.review?.history ?? [];
  const undone = new Set(trail.flatMap((r) => (r.action.kind === 'undo' ? [r.action.recordId] : [])));
  const [error, setError] = useState<string | null>(null);
  return (
    <section class="history">
      <h2>Review history</h2>
      {trail.length === 0 ? <p class="muted">No review yet: every value is automatic.</p> : (
        <ol>
          {trail.map((r) => (
            <li data-record={r.id} class={undone.has(r.id) ? 'undone' : ''}>
              <span class="when">{r.at.replace('T', ' ').slice(0, 16)}</span> <b>{r.actor}</b> {describe(r.action)}
              {r.reason && <span class="reason"> — “{r.reason}”</span>}
              <span class="muted"> ({show(r.before)} → {show(r.after)})</span>
              {writer && r.action.kind !== 'undo' && !undone.has(r.id) && (
                <button type="button" class="small" onClick={() => review(detail.incident_id, { kind: 'undo', recordId: r.id }).then(reload, (e: Error) => setError(e.message))}>Undo</button>
              )}
            </li>
          ))}
        </ol>
      )}
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}

export function ReportActions({ incidentId, reportId, reload }: { incidentId: number; reportId: string; reload: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const act = (a: ReviewAction) => review(incidentId, a).then(reload, (e: Error) => setError(e.message));
  return (
    <div class="controls">
      <button type="button" class="small" onClick={() => act({ kind: 'reject-report', reportId })}>Not an incident (reject report)</button>
      <button type="button" class="small" onClick={() => act({ kind: 'split', reportId })}>Split out</button>
      {error && <span class="error" role="alert">{error}</span>}
    </div>
  );
}

export function ReviewPanel({ detail, reload }: { detail: IncidentDetail; reload: () => void }) {
  const [note, setNote] = useState('');
  const [other, setOther] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = detail.incident_id;
  const act = (a: ReviewAction, after?: () => void) => review(id, a).then(() => { setError(null); (after ?? reload)(); }, (e: Error) => setError(e.message));
  return (
    <section class="review-panel">
      <h2>Review</h2>
      <form onSubmit={(e) => { e.preventDefault(); if (note.trim()) void act({ kind: 'note', text: note.trim() }, () => { setNote(''); reload(); }); }}>
        <label>Note<textarea name="note" rows={2} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} /></label>
        <button type="submit" class="small">Add note</button>
      </form>
      <form onSubmit={(e) => { e.preventDefault(); const n = Number(other); if (Number.isInteger(n) && n > 0 && n !== id) void act({ kind: 'merge', other: n }, () => { setOther(''); reload(); }); else setError('the id of another incident'); }}>
        <label>Merge incident #<input name="other" inputMode="numeric" value={other} onInput={(e) => setOther((e.target as HTMLInputElement).value)} /> into this one</label>
        <button type="submit" class="small">Merge</button>
      </form>
      <button type="button" class="small danger" onClick={() => act({ kind: 'reject-incident' })}>Not an incident (reject it)</button>
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}
