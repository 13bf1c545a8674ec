/**
 * The name index: every normalised name under which a place, division or country can be found.
 *
 *   places     GeoNames name; ASCII and alternate names (Latin script, not codes, not common English
 *              words); transliteration variants (Russian "-yy" endings, Arabic articles and "-ah");
 *              the exonyms and extra aliases in ../data
 *   divisions  GeoNames name, display name, core without generic words, core with each generic
 *              ("moscow region", "zurmi lga", "spera district"), other names from @countrystatecity
 *   countries  names, official names, other spellings, ../data/countries.ts aliases
 *
 * Entries reached through a GeoNames alternate name carry ALT_FLAG.
 */
import { normaliseName, wordCount } from '../normalize.js';
import { ALT_FLAG } from '../layout.js';
import { EXONYMS } from '../data/exonyms.js';
import { ADMIN_GENERIC_WORDS, ADMIN_PREFIXES, ADMIN_SUFFIXES } from '../data/admin-generics.js';
import type { AdminRow } from './admin.js';
import type { PlaceRow } from './places.js';

/** Countries whose GeoNames names follow Russian/Ukrainian transliteration ("Groznyy", "Nizhniy"). */
const POST_SOVIET = new Set(['RU', 'UA', 'BY', 'KZ', 'KG', 'TJ', 'UZ', 'TM', 'AZ', 'AM', 'GE', 'MD']);
/** Countries whose GeoNames names carry Arabic articles and final "-ah" ("Ar Raqqah", "Al Fallūjah"). */
const ARABIC = new Set([
  'SY', 'IQ', 'YE', 'SA', 'LY', 'EG', 'JO', 'LB', 'PS', 'KW', 'QA', 'BH', 'OM', 'AE', 'SD', 'TN', 'DZ', 'MA', 'MR',
]);
// Names are normalised (diacritics gone) before these apply.
const ARABIC_ARTICLE_RE = /^(?:al|ar|as|ad|an|az|at|ash|adh|ath|el|ed|es|en|er|ez|et) /;
const SOVIET_ENDING_RE = /(?:yy|iy)\b/g;
const SOVIET_IYA_RE = /iya\b/g;
const UKRAINIAN_YI_RE = /([aeiou])yi/g;
const ARABIC_AH_RE = /ah\b/g;
/** Airport and other codes among GeoNames alternate names ("LHR", "KBL"). */
const CODE_RE = /^[A-Z0-9]{2,5}$/;
const DIGIT_RE = /\d/;
/** An alternate name we index: Latin letters after normalisation. */
const LATIN_KEY_RE = /^[a-z][a-z ]*$/;
const MIN_ALT_LENGTH = 4;
const MAX_ALT_WORDS = 4;
const MIN_CORE_LENGTH = 4;
/** A name shared by more places than this keeps the first ones (no real name comes near). */
const MAX_REFS_PER_KEY = 65_535;


export class KeyBuilder {
  readonly map = new Map<string, Map<number, number>>();

  add(key: string, ref: number, alt: boolean): void {
    if (key.length === 0) return;
    let m = this.map.get(key);
    if (!m) this.map.set(key, (m = new Map()));
    const flag = alt ? ALT_FLAG : 0;
    const cur = m.get(ref);
    // An entry reached by its own name too is not "alternate".
    if (cur === undefined || (cur & ALT_FLAG && !alt)) m.set(ref, flag);
  }

  refs(key: string): number[] {
    return [...(this.map.get(key)?.keys() ?? [])];
  }

  /** Sorted keys, the number of refs of each, and the refs (with flags) in key order. */
  columns(): { keys: string[]; counts: Uint16Array; refs: Int32Array; maxWords: number } {
    const keys = [...this.map.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const counts = new Uint16Array(keys.length);
    let total = 0;
    for (const k of keys) total += Math.min(this.map.get(k)!.size, MAX_REFS_PER_KEY);
    const refs = new Int32Array(total);
    let at = 0;
    let maxWords = 1;
    keys.forEach((k, i) => {
      // Most populous first would need the places here; by ref is stable and enough (look-ups sort).
      const entries = [...this.map.get(k)!].sort((a, b) => a[0] - b[0]).slice(0, MAX_REFS_PER_KEY);
      counts[i] = entries.length;
      for (const [ref, flag] of entries) refs[at++] = ref | flag;
      maxWords = Math.max(maxWords, wordCount(k));
    });
    return { keys, counts, refs, maxWords };
  }
}

/** Transliteration variants of a normalised place name (see the country sets above). */
export function variants(key: string, country: string): string[] {
  const out: string[] = [];
  if (POST_SOVIET.has(country)) {
    // "groznyy" → "grozny", "nizhniy novgorod" → "nizhny novgorod", "yevpatoriya" → "yevpatoria".
    let v = key.replace(SOVIET_ENDING_RE, 'y').replace(SOVIET_IYA_RE, 'ia');
    // Ukrainian "-yi-" after a vowel: "avdiyivka" → "avdiivka", "makiyivka" → "makiivka".
    if (country === 'UA') v = v.replace(UKRAINIAN_YI_RE, '$1i');
    if (v !== key) out.push(v);
  } else if (ARABIC.has(country)) {
    const forms = [key];
    const m = ARABIC_ARTICLE_RE.exec(key);
    if (m && key.length - m[0].length >= 4) forms.push(key.slice(m[0].length));
    for (const f of forms) {
      if (f !== key) out.push(f);
      // "ar raqqah" → "raqqa", "hamah" → "hama", "misratah" → "misrata".
      const a = f.replace(ARABIC_AH_RE, 'a');
      if (a !== f) out.push(a);
    }
  }
  return out;
}

/** The normalised alternate names of a place worth indexing. */
export function altKeys(p: PlaceRow, mainKey: string, isWord: (k: string) => boolean): string[] {
  const out = new Set<string>();
  for (const a of p.alts) {
    if (CODE_RE.test(a) || DIGIT_RE.test(a)) continue;
    const k = normaliseName(a);
    if (k === mainKey || k.length < MIN_ALT_LENGTH || !LATIN_KEY_RE.test(k) || wordCount(k) > MAX_ALT_WORDS) continue;
    // An alternate name that is an ordinary word ("Minister" for Minster, Ohio) is noise, not a name.
    if (isWord(k)) continue;
    out.add(k);
  }
  return [...out];
}

/** Places at least this big are known by their own (and curated) names; their alternate names are mostly other languages'. */
export const ALT_MAX_POPULATION = 100_000;

/**
 * Places under their own names and transliteration variants, and under alternate names that are
 * nobody's own name: an alternate name that is another place's or division's name ("Victoria" for
 * Hong Kong, "Basilan" for Isabela City) would only add a wrong reading to a name already known.
 * `isWord` rejects common words, country names and demonyms; `otherNames` are the divisions' and
 * countries' own names.
 */
export function indexPlaces(kb: KeyBuilder, places: readonly PlaceRow[], isWord: (k: string) => boolean, otherNames: ReadonlySet<string>): void {
  const own = new Set<string>(otherNames);
  const mainKeys = places.map((p) => normaliseName(p.name));
  places.forEach((p, ref) => {
    const key = mainKeys[ref]!;
    kb.add(key, ref, false);
    own.add(key);
    // Transliteration variants follow fixed rules of the data's spelling: they are the place's own name.
    if (POST_SOVIET.has(p.cc) || ARABIC.has(p.cc)) {
      for (const v of variants(key, p.cc)) {
        kb.add(v, ref, false);
        own.add(v);
      }
    }
  });
  places.forEach((p, ref) => {
    if (p.pop >= ALT_MAX_POPULATION) return;
    const alts = altKeys(p, mainKeys[ref]!, (k) => isWord(k) || own.has(k));
    for (const a of alts) kb.add(a, ref, true);
    if (POST_SOVIET.has(p.cc) || ARABIC.has(p.cc)) for (const a of alts) for (const v of variants(a, p.cc)) if (!own.has(v)) kb.add(v, ref, true);
  });
}

/** The most populous place of that name (own or any alternate name) in that country, or -1. */
function bestPlace(places: readonly PlaceRow[], name: string, cc: string): number {
  const key = normaliseName(name);
  let best = -1;
  places.forEach((p, i) => {
    if (p.cc !== cc || (best >= 0 && p.pop <= places[best]!.pop)) return;
    if (normaliseName(p.name) === key || p.alts.some((a) => normaliseName(a) === key)) best = i;
  });
  return best;
}

/** Exonyms and extra aliases: onto the most populous place of the target name in that country. */
export function indexAliases(kb: KeyBuilder, places: readonly PlaceRow[], extra: ReadonlyArray<readonly [string, string, string]>): string[] {
  const missing: string[] = [];
  for (const [alias, target, cc] of [...EXONYMS.map((e) => [e.alias, e.target, e.country] as const), ...extra]) {
    const t = bestPlace(places, target, cc);
    if (t >= 0) kb.add(normaliseName(alias), t, false);
    else missing.push(`${alias} → ${target} (${cc})`);
  }
  return missing;
}

/** "moscow oblast" → core "moscow"; "the republic of dagestan" → "dagestan". */
export function adminCore(key: string): { core: string; hadGeneric: boolean } {
  const words = key.split(' ');
  let a = 0;
  let b = words.length;
  let had = false;
  let i = 0;
  while (i < b && ADMIN_GENERIC_WORDS.has(words[i]!)) i++;
  if (i > 0 && words[i - 1] === 'of' && i < b) {
    a = i;
    had = true;
  }
  while (b > a + 1 && ADMIN_GENERIC_WORDS.has(words[b - 1]!) && words[b - 1] !== 'of' && words[b - 1] !== 'the') {
    b--;
    had = true;
  }
  return { core: words.slice(a, b).join(' '), hadGeneric: had };
}

export interface AdminIndexContext {
  places: readonly PlaceRow[];
  kb: KeyBuilder;
  /** Keys that must not become a division's bare core: common words, demonyms, country names. */
  blocked: (core: string) => boolean;
}

/**
 * Division keys with a strength: 3 = the data's own name (or display name, or another source's
 * name), 2 = re-phrased with another generic, 1 = a generic added to a bare name. Per key and
 * country only the strongest are kept, so "Moscow region" is the oblast, not the federal city.
 */
export function indexAdmins(ctx: AdminIndexContext, rows: readonly AdminRow[], level: 1 | 2, offset: number): void {
  // Second-level divisions are many: their "<core> district" forms are read at look-up time
  // (gazetteer.ts, ADMIN2_SUFFIXES), and a bare core is kept even when a town inside has the name
  // (the resolver reads the bare name as the town, and as the division when the town is unknown).
  const suffixes = level === 1 ? ADMIN_SUFFIXES : [];
  const prefixes = level === 1 ? ADMIN_PREFIXES : [];
  const keys = new Map<string, Map<number, number>>();
  const put = (key: string, ai: number, strength: number): void => {
    if (key.length === 0) return;
    let m = keys.get(key);
    if (!m) keys.set(key, (m = new Map()));
    m.set(ai, Math.max(m.get(ai) ?? 0, strength));
  };
  const shadow = level === 1 ? shadowingPlaces(ctx, rows) : () => false;
  rows.forEach((r, ai) => {
    const own = new Set([r.full, r.name]);
    for (const name of new Set([r.full, r.name, ...r.aliases])) {
      const key = normaliseName(name);
      // Another source's name is treated like a core: "Kursk" from @countrystatecity stays the town's.
      if (own.has(name) || (!ctx.blocked(key) && !shadow(ai, key))) put(key, ai, 3);
      const { core, hadGeneric } = adminCore(key);
      const cores = POST_SOVIET.has(r.cc) ? [core, ...variants(core, r.cc)] : [core];
      for (const c of cores) {
        // A bare core that is also a town of that country ("Kursk") stays the town's.
        if (c !== key && c.length >= MIN_CORE_LENGTH && !ctx.blocked(c) && !shadow(ai, c)) put(c, ai, 2);
        const s = hadGeneric ? 2 : 1;
        for (const suf of suffixes) put(`${c} ${suf}`, ai, key === `${c} ${suf}` ? 3 : s);
        for (const pre of prefixes) put(`${pre} ${c}`, ai, key === `${pre} ${c}` ? 3 : s);
      }
    }
  });
  for (const [key, m] of keys) {
    const best = new Map<string, number>();
    for (const [ai, s] of m) best.set(rows[ai]!.cc, Math.max(best.get(rows[ai]!.cc) ?? 0, s));
    for (const [ai, s] of m) if (s === best.get(rows[ai]!.cc)) ctx.kb.add(key, offset + ai, false);
  }
}

/** Whether a town of the same country has this name (admin1 cores only). */
function shadowingPlaces(ctx: AdminIndexContext, rows: readonly AdminRow[]): (ai: number, core: string) => boolean {
  const byCountry = new Map<string, Set<string>>();
  for (const p of ctx.places) {
    let s = byCountry.get(p.cc);
    if (!s) byCountry.set(p.cc, (s = new Set()));
    s.add(normaliseName(p.name));
  }
  return (ai, core) => byCountry.get(rows[ai]!.cc)?.has(core) ?? false;
}
