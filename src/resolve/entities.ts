import type { Mention, MentionType } from '../model/index.js';
import { knownOrg } from '../nlp/lexicon/groups.js';
import { facilityKey } from './facility-places.js';
import type { Gazetteer } from '../nlp/gazetteer/index.js';

/**
 * Canonical entities. Every person, organisation, place and facility
 * mention resolves to one entity key that is the same across documents:
 *  - places by GeoNames id ("Kiev" and "Kyiv" are geonameid 703448);
 *  - known organisations by their canonical name ("ISIS-K", "IS-K" and
 *    "Islamic State Khorasan Province" are one);
 *  - people by the full name the document gives ("Putin" after "Vladimir
 *    Putin" is already keyed to the full name by the mentions stage);
 *  - facilities by the distinctive words of their name.
 */
export type EntityType = 'person' | 'organisation' | 'armed_group' | 'state_body' | 'media' | 'party' | 'place' | 'facility';

export interface EntityRef {
  key: string;
  type: EntityType;
  name: string;
  geonameid: number | null;
}

/** Head words that say what kind of organisation a name is. Example: "the Financial Times" → media. */
const ORG_TYPE_RULES: { pattern: RegExp; type: EntityType }[] = [
  { pattern: /\b(?:times|news|post|tv|television|radio|agency|channel|press|journal|gazette|herald|tribune|telegraph|guardian|reuters|bbc|cnn|tass|wsws|media|newspaper)\b/i, type: 'media' },
  { pattern: /\b(?:party|bloc)\b/i, type: 'party' },
  { pattern: /\b(?:brigades?|battalion|legion|corps|front|militias?|jihad|mujahideen|liberation army|fighters|rebels|commandos)\b/i, type: 'armed_group' },
  { pattern: /\b(?:ministry|government|police|army|forces|parliament|duma|kremlin|committee|service|court|council|office|agency|department|administration|navy|guard)\b/i, type: 'state_body' },
];

const KNOWN_KIND_TYPE: Record<string, EntityType> = { armed_group: 'armed_group', state_body: 'state_body', media: 'media', party: 'party', igo: 'organisation' };

/** The entity a mention names, or null for kinds that are not entities here (nationality words). */
export function entityOf(m: Mention, gaz: Gazetteer): EntityRef | null {
  switch (m.type as MentionType) {
    case 'PLACE': {
      const p = m.place;
      if (p && p.geonameid !== null) return { key: `geo:${p.geonameid}`, type: 'place', name: p.name, geonameid: p.geonameid };
      if (p && p.featureCode.startsWith('PCL')) return { key: `geo:country:${p.countryCode}`, type: 'place', name: p.name, geonameid: null };
      if (p && p.featureCode.startsWith('ADM')) return { key: `geo:adm1:${p.countryCode}.${p.admin1Code ?? p.name}`, type: 'place', name: p.name, geonameid: null };
      return { key: `place:${m.key}`, type: 'place', name: m.text, geonameid: null };
    }
    case 'ORG': {
      const known = knownOrg(m.key);
      if (known) return { key: `org:${known.name.toLowerCase()}`, type: KNOWN_KIND_TYPE[known.kind] ?? 'organisation', name: known.name, geonameid: null };
      const rule = ORG_TYPE_RULES.find((r) => r.pattern.test(m.key));
      return { key: `org:${m.key.replace(/^the\s+/, '')}`, type: rule?.type ?? 'organisation', name: m.text.replace(/^the\s+/i, ''), geonameid: null };
    }
    case 'PERSON':
      return { key: `person:${m.key}`, type: 'person', name: m.key.replace(/(^|[\s-])\p{Ll}/gu, (c) => c.toUpperCase()), geonameid: null };
    case 'FACILITY': {
      const k = facilityKey(m.text, gaz);
      return { key: `facility:${k || m.key}`, type: 'facility', name: m.text.replace(/^the\s+/i, ''), geonameid: null };
    }
    default:
      return null;
  }
}

/**
 * Within one document, a short organisation name that ends a longer one
 * named there is the same organisation: "the Times" after "The New York
 * Times". Returns mention key → the longer key.
 */
export function shortFormsInDocument(mentions: readonly Mention[]): Map<string, string> {
  const orgs = [...new Set(mentions.filter((m) => m.type === 'ORG').map((m) => m.key))];
  const out = new Map<string, string>();
  for (const short of orgs) {
    const words = short.replace(/^the\s+/, '').split(' ');
    if (!words.length) continue;
    const longer = orgs.filter((l) => l !== short && l.split(' ').length > words.length && l.endsWith(words.join(' ')));
    if (longer.length === 1) out.set(short, longer[0]!);
  }
  return out;
}
