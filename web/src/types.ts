/**
 * What the API answers, as far as the workbench reads it. The server builds these in src/views and
 * src/server; only the fields the views use are named here, and every one is read defensively
 * (a record from an older store may lack one).
 */
import type { EffectiveReview, ReviewRecord, Role } from '../../src/review/types.js';

export type { EffectiveReview, ReviewRecord, Role };

export interface Place {
  name: string;
  admin1: string | null;
  country: string | null;
  country_code: string | null;
  lat: number | null;
  lon: number | null;
  relation?: string;
}

export interface IncidentSummary {
  incident_id: number;
  label: string;
  date: string | null;
  date_precision?: string;
  type: { kind: string; acled_event: string; acled_sub_event: string; plover_event: string; gtd_attack_type: string | null };
  place: Place | null;
  killed: number | null;
  injured: number | null;
  arrested?: number | null;
  sources: number;
  reports: number;
  conflicts: number;
  contradictions: number;
  /** Whether any review record stands for it. */
  reviewed?: boolean;
}

export interface IncidentList {
  incidents: IncidentSummary[];
  next: string | null;
  total?: number;
}

export interface Span {
  start: number;
  end: number;
}

/** A value as the export walks it: the value, its evidence spans and their quoted words, why. */
export interface AttestedView<T = unknown> {
  value: T;
  evidence: Span[];
  quotes?: string[];
  confidence: number;
  stage: string;
  reason: string;
}

export interface ReportView {
  id: string;
  docId: string;
  index: number;
  document: { id: string; source?: string; title?: string | null; published?: string | null; publisher?: string | null; author?: string | null };
  sentence: string;
  anchor: Span;
  inPassing: boolean;
  label: string;
  [field: string]: unknown;
}

export interface ReportedValue {
  reportId: string;
  docId: string;
  value: string;
  words: string | null;
}

export interface ConflictView {
  field: string;
  values: ReportedValue[];
  verdict: 'compatible' | 'contradictory';
  why: string;
}

export interface ClaimView {
  id: string;
  docId: string;
  kind: AttestedView<string>;
  source: AttestedView<{ name: string; kind: string; entityKey: string | null }>;
  targets: AttestedView<{ name: string; role: string; entityKey: string | null }>[];
  modality: AttestedView<string>;
  content: Span;
  cue: Span | null;
  quote?: string;
  words?: string;
  cue_words?: string | null;
}

export interface SourceView {
  id: string;
  source: string;
  title: string | null;
  publisher: string | null;
  author: string | null;
  published: string | null;
  url: string | null;
  update_of: string | null;
}

export interface HeadlineCount {
  value: number;
  low: number;
  high: number;
  from: string[];
  /** The figure is a reviewer's (from is then empty). */
  reviewed?: boolean;
}

export interface IncidentDetail {
  incident_id: number;
  label: string;
  sources: number;
  policy: string;
  date_iso?: string | null;
  type: { kind: string; acledEvent?: string; acledSubEvent?: string; ploverEvent?: string; gtdAttackType?: string | null };
  place: { place: { name: string; countryName: string; admin1Name: string | null; lat: number | null; lon: number | null }; relation: string } | null;
  headline: Record<string, HeadlineCount | null>;
  reports: ReportView[];
  claims: ClaimView[];
  claims_by_kind?: Record<string, ClaimView[]>;
  documents?: SourceView[];
  conflicts?: ConflictView[];
  links?: { other: number; kind: string; claim_id: string | null; doc_id: string; label: string | null }[];
  primary_report?: string;
  /** Each headline field as shown: the reviewed value where one stands, the automatic one beside it. */
  values?: Record<string, { value: string | number | null; automatic: string | number | null }>;
  /** null when the store keeps no review trail. */
  review?: { effective: EffectiveReview; history: ReviewRecord[] } | null;
}

export interface LayerSpan extends Span {
  text?: string;
  type?: string;
  iso?: string | null;
}

export interface DocumentView {
  id: string;
  text: string;
  meta: { title: string | null; publisher: string | null; author: string | null; published: string | null; source: string; url: string | null };
  update_of?: string | null;
  layers: {
    sentences?: Span[];
    mentions?: (LayerSpan & { type: string; key: string })[];
    dates?: (LayerSpan & { iso: string | null })[];
    quantities?: LayerSpan[];
    incidents?: { incident_id: number; report_id: string; label: string; anchor: Span; spans: (Span & { field: string })[] }[];
    claims?: ClaimView[];
    quotes?: { id: string; text: Span; speaker: AttestedView<{ name: string }>; words?: string }[];
  };
}

export interface Session {
  name: string;
  role: Role;
  csrf?: string;
}
