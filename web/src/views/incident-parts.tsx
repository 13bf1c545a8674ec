/** The incident page's lower sections: disagreements, claims by kind, linked incidents, sources. */
import type { View } from '../../../src/web/index.js';
import { kindLabel } from '../format.js';
import { linkProps } from '../router.js';
import type { AttestedView, ClaimView, IncidentDetail } from '../types.js';
import { FIELD_NAMES } from './incident-fields.js';
import type { OpenEvidence } from './incident.js';

const POLICY_WHY: Record<string, string> = {
  conservative: 'the lowest figure every report allows',
  latest: 'the figure of the latest report',
  range: 'the range the reports give',
};

export function Conflicts({ detail, open }: { detail: IncidentDetail; open: OpenEvidence }) {
  const cs = detail.conflicts ?? [];
  if (cs.length === 0) return null;
  return (
    <section class="conflicts">
      <h2>Where the sources disagree</h2>
      {cs.map((c) => {
        const h = detail.headline[c.field];
        const headline = c.field === 'date' ? detail.date_iso : h ? (h.low !== h.high ? `${h.value} (${h.low}–${h.high})` : String(h.value)) : null;
        return (
          <div class={`conflict ${c.verdict}`} data-field={c.field}>
            <div class="conflict-head">
              <strong>{FIELD_NAMES[c.field] ?? c.field}</strong>
              <span class={c.verdict === 'contradictory' ? 'badge bad' : 'badge'}>{c.verdict}</span>
              {headline && c.field === 'date' && <span>headline <b>{headline}</b>: the date of the primary report (the fullest one, told first)</span>}
              {headline && c.field !== 'date' && <span>headline <b>{headline}</b> by the “{detail.policy}” policy{POLICY_WHY[detail.policy] ? `: ${POLICY_WHY[detail.policy]}` : ''}</span>}
            </div>
            <p class="why">{c.why}</p>
            <div class="side-by-side">
              {c.values.map((v) => {
                const r = detail.reports.find((x) => x.id === v.reportId);
                const a = (r?.[c.field] as AttestedView | null | undefined) ?? null;
                return (
                  <button type="button" class="source-value" onClick={() => open(v.docId, a, `${v.reportId}:${c.field}`)}>
                    <span class="v">{v.value}</span>
                    {v.words && <span class="quote">“{v.words}”</span>}
                    <span class="muted">{r?.document.title ?? r?.document.source ?? v.docId.slice(0, 12)} {r?.document.published ?? ''}</span>
                  </button>
                );
              })}
            </div>
          </div>
        );
      })}
    </section>
  );
}

function targets(c: ClaimView): string {
  return c.targets.map((t) => `${t.value.name} (${t.value.role.replace(/_/g, ' ')})`).join(', ');
}

export function ClaimsByKind({ detail, open }: { detail: IncidentDetail; open: OpenEvidence }) {
  const groups = detail.claims_by_kind ?? {};
  const kinds = Object.keys(groups);
  if (kinds.length === 0) return null;
  return (
    <section class="claims">
      <h2>Claims</h2>
      {kinds.map((k) => (
        <div class="claim-group">
          <h3>{kindLabel(k)} <span class="muted">({groups[k]!.length})</span></h3>
          <ul>
            {groups[k]!.map((c) => (
              <li>
                <button type="button" class="link" onClick={() => open(c.docId, { evidence: [c.content] }, `claim:${c.id}`)}>
                  <b>{c.source.value.name}</b>
                </button>{' '}
                <span class={`badge m-${c.modality.value}`}>{c.modality.value}</span> {c.quote ?? c.words ?? ''}
                {c.targets.length > 0 && <span class="muted"> — {targets(c)}</span>}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

export function Links({ view, detail }: { view: View; detail: IncidentDetail }) {
  const links = detail.links ?? [];
  if (links.length === 0) return null;
  return (
    <section class="links">
      <h2>Linked incidents</h2>
      <ul>
        {links.map((l) => (
          <li>
            <a {...linkProps({ ...view, route: { name: 'incident', id: l.other } })}>#{l.other} {l.label ?? ''}</a> <span class="muted">{kindLabel(l.kind)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Sources({ view, detail }: { view: View; detail: IncidentDetail }) {
  const docs = detail.documents ?? [];
  if (docs.length === 0) return null;
  return (
    <section class="sources">
      <h2>Sources</h2>
      <ul>
        {docs.map((s) => (
          <li>
            <a {...linkProps({ ...view, route: { name: 'document', id: s.id } })}>{s.title ?? s.source}</a>{' '}
            <span class="muted">{[s.publisher ?? s.author, s.published].filter(Boolean).join(', ')}</span>
            {s.update_of && <span class="badge">update</span>}
            {/* A source URL is shown as text, never as a link: a stored URL may be javascript:. */}
            {s.url && <div class="url muted">{s.url}</div>}
          </li>
        ))}
      </ul>
    </section>
  );
}
