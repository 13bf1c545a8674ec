import type { DateValue } from './doc.js';
import type { Attested } from './incident.js';
import type { Span } from './span.js';

/**
 * Claims are statements attributed to a source, kept apart from what the
 * report narrates as fact. A claim is never merged into an incident's facts;
 * it points at the incidents it concerns.
 */
export type ClaimKind =
  /** "ISIS-K has claimed responsibility for the attack" */
  | 'responsibility'
  /** "denials of involvement by the Ukrainian government" */
  | 'denial'
  /** "the attack which bears the imprint of NATO" (PLOVER ACCUSE: allege, disapprove, investigate) */
  | 'accusation'
  /** "the strike … and the terrorist attacks in Dagestan were likely synchronized" */
  | 'linkage'
  /** "according to the latest figures", "Russian media reports indicate" */
  | 'reported_fact'
  /** "no organization has claimed responsibility" */
  | 'no_claim';

export type Modality = 'asserted' | 'hedged' | 'reported' | 'negated';

export interface ClaimSource {
  /** As written: "Russian Foreign Minister Sergei Lavrov", "media reports", "the author". */
  name: string;
  kind: 'person' | 'organisation' | 'media' | 'author' | 'publisher' | 'unnamed';
  /** The mention key of the named entity (Mention.key), when the source is one. */
  entityKey: string | null;
}

export interface ClaimTarget {
  name: string;
  /** The role of the target in the claim. */
  role: 'claimed_by' | 'accused' | 'denied_by' | 'linked' | 'subject';
  entityKey: string | null;
}

export interface Claim {
  /** `${docId16}:c${index}` */
  id: string;
  docId: string;
  index: number;
  kind: Attested<ClaimKind>;
  source: Attested<ClaimSource>;
  targets: Attested<ClaimTarget>[];
  /** Indexes (IncidentReport.index) of the document's incident reports the claim concerns. */
  incidents: number[];
  modality: Attested<Modality>;
  /** When the statement was made ("said on June 25"), if the text says. */
  date: Attested<DateValue> | null;
  /** The cue words: "said", "claimed responsibility", "denied", "according to". */
  cue: Span | null;
  /** What is claimed: the content span. */
  content: Span;
}

export interface Quote {
  /** `${docId16}:q${index}` */
  id: string;
  docId: string;
  index: number;
  /** The quoted words, without the quotation marks. */
  text: Span;
  speaker: Attested<ClaimSource>;
  cue: Span | null;
  /** For quotations of historical texts: the author and the work, as cited. */
  citation: { author: string | null; work: string | null } | null;
}
