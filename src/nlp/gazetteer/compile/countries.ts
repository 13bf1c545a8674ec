/** Countries and demonyms from world-countries plus ../data/countries.ts. */
import { normaliseName } from '../normalize.js';
import { COUNTRY_ALIASES, DEMONYM_OVERRIDES } from '../data/countries.js';
import type { CountryRow } from '../layout.js';
import type { WorldCountry } from './sources.js';

export function countryRows(wc: readonly WorldCountry[], popByCountry: Map<string, number>): CountryRow[] {
  const rows: CountryRow[] = [];
  for (const c of wc) {
    const aliases = new Set<string>([c.name.common, c.name.official]);
    for (const s of c.altSpellings) {
      // Two/three-letter codes ("IN", "IT", "TO") are English words; listed aliases add the useful ones.
      if (s.length <= 3 && s === s.toUpperCase()) continue;
      aliases.add(s);
    }
    for (const s of COUNTRY_ALIASES[c.cca2] ?? []) aliases.add(s);
    const demonyms = new Set<string>();
    if (c.demonyms?.eng) {
      demonyms.add(c.demonyms.eng.m);
      demonyms.add(c.demonyms.eng.f);
    }
    rows.push({
      code: c.cca2,
      name: c.name.common,
      official: c.name.official,
      lat: c.latlng[0] ?? 0,
      lon: c.latlng[1] ?? 0,
      aliases: [...aliases],
      demonyms: [...demonyms].filter((d) => d.length > 0),
      independent: c.independent === true,
      popSum: popByCountry.get(c.cca2) ?? 0,
    });
  }
  return rows;
}

/** Demonym → country index; a shared demonym ("Congolese") goes to the independent, more populous country. */
export function demonymTable(rows: readonly CountryRow[]): Array<[string, number | null]> {
  const demonyms = new Map<string, number | null>();
  rows.forEach((c, k) => {
    for (const d of c.demonyms) {
      const key = normaliseName(d);
      const cur = demonyms.get(key);
      if (cur === undefined || cur === null) {
        demonyms.set(key, k);
        continue;
      }
      const o = rows[cur]!;
      if ((c.independent && !o.independent) || (c.independent === o.independent && c.popSum > o.popSum)) demonyms.set(key, k);
    }
  });
  const byCode = new Map(rows.map((c, k) => [c.code, k]));
  for (const [word, code] of Object.entries(DEMONYM_OVERRIDES)) {
    const k = code === null ? null : byCode.get(code);
    demonyms.set(normaliseName(word), k ?? null);
  }
  return [...demonyms].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** Country name keys (without a leading "the"). */
export function countryKeys(c: CountryRow): string[] {
  const out = new Set<string>();
  for (const a of c.aliases) {
    let key = normaliseName(a);
    if (key.startsWith('the ')) key = key.slice(4);
    if (key.length > 0) out.add(key);
  }
  return [...out];
}
