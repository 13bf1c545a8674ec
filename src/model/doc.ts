import type { Annotation, Span } from './span.js';

/** Where a region of the stored text came from in the source layout. */
export type RegionKind =
  | 'title'
  | 'subtitle'
  | 'dateline'
  | 'byline'
  | 'caption'
  | 'heading'
  | 'body'
  | 'blockquote';

export interface Region extends Span {
  kind: RegionKind;
}

export interface DocMeta {
  title: string | null;
  subtitle: string | null;
  author: string | null;
  publisher: string | null;
  /** ISO date (YYYY-MM-DD) of publication, when known. */
  published: string | null;
  /** ISO 639-1 language code, e.g. "en". */
  language: string | null;
  /** The input format the text was taken from. */
  format: 'html' | 'text' | 'markdown';
  /** Path or URL of the source, as given to intake. */
  source: string;
  /** Canonical URL from the page, when HTML gives one. */
  url: string | null;
}

/**
 * A document after intake: clean text plus metadata. `id` is the SHA-256 of
 * the raw input bytes, so ingesting the same content twice is recognised.
 * `text` holds the stored text (title lines, byline, body; boilerplate such
 * as comment footers removed); every annotation offset refers to it.
 */
export interface Doc {
  id: string;
  text: string;
  meta: DocMeta;
  /** Layout regions of `text`, in order; the body regions carry the reporting. */
  regions: Region[];
  /**
   * How intake read the input when it did not read it in full (a page too large for Readability or
   * for a DOM, read by a cheaper walk); absent when it did. Shown with the document's ingest line.
   */
  notices?: string[];
}

export interface Sentence extends Annotation {
  index: number;
}

export type MentionType =
  | 'PERSON'
  | 'ORG'
  | 'PLACE'
  /** Nationalities, religious and political groups used as adjectives or nouns: "Tajik", "Orthodox". */
  | 'NORP'
  | 'FACILITY';

export interface PlaceRef {
  geonameid: number | null;
  name: string;
  /** GeoNames feature class/code, e.g. "PPLA2", or "ADM1", "PCLI" for countries. */
  featureCode: string;
  lat: number | null;
  lon: number | null;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
  countryName: string;
  admin1Code: string | null;
  admin1Name: string | null;
  /** GeoNames admin2 code within its admin1 (district, county, LGA), when the gazetteer knows it. */
  admin2Code?: string | null;
  /** Name of the second-level division (district, county, LGA, township's district); for an ADM2 place, its own name. */
  admin2Name?: string | null;
  population: number | null;
}

export interface Mention extends Annotation {
  text: string;
  type: MentionType;
  /** Normalised key of the entity this mention names (lower-cased canonical name). */
  key: string;
  /** 0..1: how sure the typing rule is. */
  confidence?: number;
  /** Set for PLACE mentions once the place resolver has chosen a reading. */
  place?: PlaceRef | null;
  /** For NORP mentions derived from a country (demonyms), the country's ISO2. */
  countryCode?: string | null;
}

export type DatePrecision = 'day' | 'month' | 'year' | 'unknown';

export interface DateValue {
  year: number | null;
  month: number | null;
  day: number | null;
  precision: DatePrecision;
}

export interface DateMention extends Annotation {
  text: string;
  value: DateValue;
  /** ISO form at the given precision: "2024-06-23", "2024-03", "2024", or null. */
  iso: string | null;
  /** True when the expression is relative ("on Monday", "yesterday") and was resolved against the publication date. */
  relative: boolean;
}

export type QuantityQualifier =
  | 'exact'
  | 'at_least'
  | 'at_most'
  | 'about'
  /** Vague multitudes: "dozens", "hundreds", "several". */
  | 'vague';

export interface Quantity extends Annotation {
  text: string;
  /** Best single figure (lower bound for "at least", the literal for "dozens" = 24 is NOT used: vague quantities take their conventional minimum, e.g. dozens = 24). */
  value: number;
  low: number | null;
  high: number | null;
  qualifier: QuantityQualifier;
}

/** Event roles in the MUC-4 sense, found by the learned role tagger. */
export type RoleName = 'PerpInd' | 'PerpOrg' | 'Target' | 'Victim' | 'Weapon';

export interface RoleMention extends Annotation {
  text: string;
  role: RoleName;
  /** 0..1, from the tagger's scores. */
  confidence: number;
}

/** All layers a pipeline can add to a document. */
export interface Annotations {
  sentences: Sentence[];
  mentions: Mention[];
  dates: DateMention[];
  quantities: Quantity[];
  /** Role fillers from the learned tagger; empty when no model is loaded. */
  roles: RoleMention[];
}

export type LayerName = keyof Annotations | 'incidents';
