/**
 * The review contract (issue 12): what a reviewer can do to an incident, the append-only audit
 * record each action leaves, the tokens that say who may do it, and the changes feed a client
 * follows. The store persists these; `effectiveReview` (src/review) folds a trail into the values
 * that override the headline from then on. The HTTP API, the CLI and the exports all read through
 * these types, so they agree on what "reviewed" means.
 */

/** Incident fields a reviewer can accept, correct or reject; each maps to one headline value. */
export const REVIEW_FIELDS = [
  'date',
  'country',
  'admin1',
  'location',
  'type',
  'perpetrator',
  'target',
  'killed',
  'injured',
  'arrested',
] as const;
export type ReviewField = (typeof REVIEW_FIELDS)[number];

/** A span of a stored document that supports a corrected value. */
export interface EvidenceRef {
  docId: string;
  start: number;
  end: number;
}

export type ReviewAction =
  /** The automatic value is right. */
  | { kind: 'accept'; field: ReviewField }
  /** The value is wrong; this one is right (a number for counts, an ISO date for date, text otherwise). */
  | { kind: 'correct'; field: ReviewField; value: string | number; evidence?: EvidenceRef[] }
  /** The value is wrong and nothing should stand in its place. */
  | { kind: 'reject-value'; field: ReviewField }
  /** This report is not an incident: it no longer counts toward the incident's values. */
  | { kind: 'reject-report'; reportId: string }
  /** The whole incident is not an incident: exports and listings leave it out. */
  | { kind: 'reject-incident' }
  /** Incident `other` is the same event: its reports join this one and `other` redirects here. */
  | { kind: 'merge'; other: number }
  /** This report is a different event: it leaves for a new incident (`after.incidentId`). */
  | { kind: 'split'; reportId: string }
  | { kind: 'note'; text: string }
  /** Undo an earlier record of the same incident; the trail keeps both. */
  | { kind: 'undo'; recordId: number };

export type ReviewActionKind = ReviewAction['kind'];

/** One append-only audit record. */
export interface ReviewRecord {
  id: number;
  incidentId: number;
  /** Who: a token's name (`alice`), or `cli:<user>` for the command line. */
  actor: string;
  /** When, ISO 8601 UTC. */
  at: string;
  action: ReviewAction;
  /** The effective value(s) the action changed, before and after (JSON). */
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** A reviewed value as it overrides the headline. */
export interface ReviewedValue {
  field: ReviewField;
  /** null: rejected (no value stands). */
  value: string | number | null;
  status: 'accepted' | 'corrected' | 'rejected';
  recordId: number;
  actor: string;
  at: string;
  reason: string | null;
  evidence: EvidenceRef[];
}

/** What a trail adds up to for one incident, with undone records left out. */
export interface EffectiveReview {
  fields: Partial<Record<ReviewField, ReviewedValue>>;
  rejectedReports: string[];
  rejected: boolean;
  notes: { recordId: number; actor: string; at: string; text: string }[];
  /** True when any record stands (for a `reviewed` flag and the list's review state). */
  reviewed: boolean;
}

export type Role = 'reader' | 'reviewer' | 'admin';
export const ROLES: readonly Role[] = ['reader', 'reviewer', 'admin'];

export interface TokenInfo {
  id: number;
  name: string;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export type ChangeKind = 'created' | 'updated' | 'reviewed' | 'merged' | 'deleted';

/** One entry of the changes feed: an incident created, changed, reviewed, merged into another, or deleted. */
export interface IncidentChange {
  /** Monotonic sequence: a client asks for changes after the last one it saw. */
  seq: number;
  at: string;
  incidentId: number;
  kind: ChangeKind;
  /** For `merged`: the incident it now redirects to. */
  into: number | null;
}

/**
 * What a store adds for review (issue 12). Store will extend this; every backend implements it and
 * the one conformance suite checks it. Writes are one transaction each and append-only.
 */
export interface ReviewStore {
  /** Append one audit record (applying a merge or split to the clusters) in one transaction. */
  addReview(incidentId: number, action: ReviewAction, by: { actor: string; reason?: string | null }): Promise<ReviewRecord>;
  /** The incident's trail, oldest first. */
  historyOf(incidentId: number): Promise<ReviewRecord[]>;
  /** What the trail adds up to (an empty review when there is none). */
  reviewOf(incidentId: number): Promise<EffectiveReview>;
  /** Many incidents' reviews in one query per 500 (a listing's or an export's page). */
  reviewsOf(ids: readonly number[]): Promise<Map<number, EffectiveReview>>;
  /** Where an incident merged away now lives (following chains); null when the id is live or unknown. */
  redirectOf(id: number): Promise<number | null>;
  /** The changes feed after sequence number `after`, oldest first, at most `limit`. */
  changesSince(after: number, limit: number): Promise<IncidentChange[]>;
  /** A new token, returned once in clear; only its hash is stored. */
  createToken(name: string, role: Role): Promise<{ token: string; info: TokenInfo }>;
  /** The live token's info, or null (unknown or revoked). */
  verifyToken(token: string): Promise<TokenInfo | null>;
  listTokens(): Promise<TokenInfo[]>;
  /** Revoke by name; false when no live token has it. */
  revokeToken(name: string): Promise<boolean>;
}
