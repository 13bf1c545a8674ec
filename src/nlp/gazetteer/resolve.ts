/**
 * Chooses one reading for each PLACE mention of a document.
 *
 * All mentions with the same normalised name share one reading ("one sense
 * per document"). Each candidate gets a score = prior + context:
 *
 *   prior    log10(population) of the city, or of the sum of a region's /
 *            country's cities; a bonus for capitals and seats; a bonus for a
 *            country reading of a bare name; a penalty for a region that has
 *            the same name as a city inside it ("Kharkiv" is the city).
 *            A second-level division (district, LGA) is scored like a region;
 *            a reading found only through an alternate name gets a penalty.
 *   context  the candidate's country is named elsewhere in the document (as a
 *            country, a demonym, or the country of another place); its admin1
 *            region or admin2 district is
 *            named (or is the region/district of another place); it lies near
 *            another place already resolved.
 *
 * Before scoring, a place word inside a known organisation's name ("the
 * Levant" in "Islamic State of Iraq and the Levant") is no place, and a world
 * region word reads only as a country or region (see coherence.ts). After
 * it, a reading in a country nothing else names, in a text plainly about
 * another country, is dropped as a stray (coherence.ts, strayReading).
 *
 * Unambiguous names are resolved first. Then, round by round, names whose
 * best reading leads the next by CONFIDENT_MARGIN are resolved; when none
 * does, the one with the largest lead is. Each resolved name becomes context
 * for the rest. Evidence from a name never counts for that same name.
 */
import type { Mention, PlaceRef } from '../../model/index.js';
import type { GazetteerImpl, PlaceCandidate, RefCandidate } from './gazetteer.js';
import { normaliseName } from './normalize.js';
import { enclosingOrg, isRegionWord, regionReadings, strayReading } from './coherence.js';
import { F, FEATURES, PRIOR_FEATURES, SCORING } from './scoring.js';
import type { PlaceResolver } from './place-weights.js';

const LEADING_THE_RE = /^the /;

export const PLACE_STAGE = 'nlp.places';

export { SCORING } from './scoring.js';

interface Group {
  id: number;
  key: string;
  /** Names written right after this one ("Toledo, Antioquia", "Korizena (Gorom-Gorom, Oudalan)"): where it lies. */
  outer: Set<Group>;
  /** Names written right before this one: what lies in it. */
  inner: Set<Group>;
  mentions: Mention[];
  cands: RefCandidate[];
  chosen: RefCandidate | null;
  done: boolean;
}

interface Evidence {
  /** Country code → labels of the groups/mentions that give it. */
  countries: Map<string, Array<{ group: number; label: string }>>;
  /** The same, from towns and divisions only (no country names, no demonyms). */
  placeCountries: Map<string, Array<{ group: number; label: string }>>;
  /** Admin1 index → explicit mentions of the region. */
  admin1Named: Map<number, Array<{ group: number; label: string }>>;
  /** Admin1 index → places in it. */
  admin1OfPlace: Map<number, Array<{ group: number; label: string }>>;
  /** Admin2 index → explicit mentions of the district. */
  admin2Named: Map<number, Array<{ group: number; label: string }>>;
  /** Admin2 index → places in it. */
  admin2OfPlace: Map<number, Array<{ group: number; label: string }>>;
  points: Array<{ group: number; label: string; lat: number; lon: number }>;
}

interface Scored {
  rc: RefCandidate;
  total: number;
  prior: number;
  context: number;
  why: string[];
  /** The reading's features (FEATURES order). */
  f: Float64Array;
}

/** PLACE mentions grouped by name, with their readings; a place word inside an organisation's name is settled at once. */
function groupMentions(mentions: Mention[], gaz: GazetteerImpl): Group[] {
  const groups: Group[] = [];
  const byKey = new Map<string, Group>();
  for (const m of mentions) {
    if (m.type !== 'PLACE') continue;
    const org = enclosingOrg(m, mentions);
    if (org) {
      m.place = null;
      const why = `places: "${m.text}" is a word of the organisation's name "${org.text} …", not a place`;
      m.reason = m.reason ? `${m.reason}; ${why}` : why;
      continue;
    }
    let cands = gaz.lookupRefs(m.text);
    let key = normaliseName(m.text).replace(LEADING_THE_RE, '');
    if (cands.length === 0 && m.key) {
      cands = gaz.lookupRefs(m.key);
      if (cands.length > 0) key = normaliseName(m.key).replace(LEADING_THE_RE, '');
    }
    // "the Levant", "Sahel": a world region is a country or region, never a town named after it.
    if (isRegionWord(m)) cands = regionReadings(cands);
    let g = byKey.get(key);
    if (!g) {
      g = { id: groups.length, key, outer: new Set(), inner: new Set(), mentions: [], cands, chosen: null, done: false };
      byKey.set(key, g);
      groups.push(g);
    }
    g.mentions.push(m);
  }
  linkHierarchy(groups);
  return groups;
}

/** Characters between a name and the region or country the text puts it in: ", " or " (". */
const HIERARCHY_GAP = 3;

/**
 * Each group of a chain lies in every other group after it: a.outer gets b and b.inner gets a for each
 * pair a before b. A name repeated along the chain only needs the groups first seen since its last
 * place, so the work is the chain's length plus its distinct pairs; every pair of places was quadratic
 * in the chain ("Paris, Paris, …" 2 000 long in a fuzzed report: 0.56 s).
 */
export function linkChain<G extends { outer: Set<G>; inner: Set<G> }>(chain: readonly G[]): void {
  /** The chain's groups in the order first seen. */
  const seen: G[] = [];
  /** For each group seen, how many of `seen` it has been linked with so far. */
  const linked = new Map<G, number>();
  for (const b of chain) {
    for (let k = linked.get(b) ?? 0; k < seen.length; k++) {
      const a = seen[k]!;
      if (a === b) continue;
      a.outer.add(b);
      b.inner.add(a);
    }
    if (!linked.has(b)) seen.push(b);
    linked.set(b, seen.length);
  }
}

/** Chains of names separated only by ", " or " (": each lies in the ones after it. */
function linkHierarchy(groups: Group[]): void {
  const placed = groups.flatMap((g) => g.mentions.map((m) => ({ m, g }))).sort((a, b) => a.m.start - b.m.start);
  let chain: Array<{ m: Mention; g: Group }> = [];
  const close = (): void => linkChain(chain.map((x) => x.g));
  for (const x of placed) {
    const last = chain[chain.length - 1];
    if (last && x.m.start >= last.m.end && x.m.start - last.m.end <= HIERARCHY_GAP) chain.push(x);
    else {
      close();
      chain = [x];
    }
  }
  close();
}

/**
 * Set each PLACE mention's place (or null) in place. `res`: the gazetteer and the score's weights from the
 * pipeline context (the places stage), and the trainer's recorder when one watches.
 */
export function resolvePlaces(mentions: Mention[], res: PlaceResolver): void {
  const groups = groupMentions(mentions, res.gazetteer);

  // Names with no entry, and names with exactly one reading.
  for (const g of groups) {
    if (g.cands.length === 0) {
      finish(g, null, `places: "${g.mentions[0]!.text}" is not in the gazetteer`);
    } else if (g.cands.length === 1) {
      finish(g, g.cands[0]!, `places: ${label(g.cands[0]!.cand)} — the only reading of "${g.mentions[0]!.text}"`);
    }
  }

  // Country evidence from demonyms ("Russian") is fixed for the document.
  const norp: Array<{ cc: string; label: string }> = [];
  for (const m of mentions) if (m.type === 'NORP' && m.countryCode) norp.push({ cc: m.countryCode, label: `"${m.text}"` });
  // An only reading in a country the text does not otherwise name, in a text about another country, is no reading.
  dropStrays(groups, norp, mentions, res.weights);

  // A long document has hundreds of ambiguous names and as many rounds; each
  // round rescored every open name against every piece of evidence, which
  // grew with the cube of the document. Scores are now computed from what
  // changed: the nearest resolved place of each reading is kept up to date as
  // places resolve, repeated labels are counted once per round, priors once,
  // and the explanation is written for the winner only.
  const ctx: ScoreContext = { near: new NearestPoints(), priors: new Map(), weights: res.weights };
  for (;;) {
    const open = groups.filter((g) => !g.done);
    if (open.length === 0) break;
    const ev = evidence(groups, norp);
    ctx.near.add(ev.points);
    const ranked = open.map((g) => {
      const scored = g.cands.map((rc) => score(rc, g, ev, ctx, false)).sort((a, b) => b.total - a.total);
      const margin = scored.length > 1 ? scored[0]!.total - scored[1]!.total : Infinity;
      return { g, scored, margin };
    });
    // Country names first: they are the strongest context for everything else ("Victoria …, Canada").
    let take = ranked.filter((r) => r.margin >= SCORING.CONFIDENT_MARGIN && r.scored[0]!.rc.cand.kind === 'country');
    if (take.length === 0) take = ranked.filter((r) => r.margin >= SCORING.CONFIDENT_MARGIN);
    if (take.length === 0) {
      ranked.sort((a, b) => b.margin - a.margin);
      take = [ranked[0]!];
    }
    for (const r of take) {
      res.recorder?.({ text: r.g.mentions[0]!.text, cands: r.scored.map((x) => x.rc.cand), features: r.scored.map((x) => x.f), chosen: 0 });
      // The winner again, with its reasons written out (same evidence, same score).
      const scored = [score(r.scored[0]!.rc, r.g, ev, ctx, true), ...r.scored.slice(1)];
      finish(r.g, r.scored[0]!.rc, explain(r.g, scored));
    }
  }
  dropStrays(groups, norp, mentions, res.weights);
}

/**
 * Settled readings that are strays (coherence.ts): set to null, weakest evidence first, until
 * none is left (dropping one may leave another country without support).
 */
function dropStrays(groups: Group[], norp: Array<{ cc: string; label: string }>, mentions: readonly Mention[], weights: Float64Array): void {
  const groupOf = new Map<Mention, Group>();
  for (const g of groups) for (const m of g.mentions) groupOf.set(m, g);
  // The place mention right after each mention, found once: looking it up per mention and per round
  // made this step grow with the square of a long document's places.
  const nextPlace = nextPlaceOf(mentions);
  const dropped = new Map<Group, { first: string; why: string; n: number }>();
  for (;;) {
    const ev = evidence(groups, norp);
    const votes = (cc: string, group: number): number => othersOf(ev.countries.get(cc), group).count;
    const placeVotes = (cc: string, group: number): number => othersOf(ev.placeCountries.get(cc), group).count;
    const countries = [...ev.countries.keys()];
    const verdict = (x: Group): string | null => strayReading(x.chosen!, x.id, votes, placeVotes, countries).why ?? outsideOf(x, nextPlace, groupOf);
    const g = groups.find((x) => x.done && x.chosen && verdict(x) !== null);
    if (!g) break;
    const rc = g.chosen!;
    const d = dropped.get(g) ?? { first: label(rc.cand), why: verdict(g)!, n: 0 };
    d.n++;
    dropped.set(g, d);
    // Fall back on the best other reading, if any (it is checked in turn).
    g.cands = g.cands.filter((x) => x !== rc);
    const ctx: ScoreContext = { near: new NearestPoints(), priors: new Map(), weights };
    ctx.near.add(ev.points.filter((p) => p.group !== g.id));
    g.chosen = g.cands.map((x) => score(x, g, ev, ctx, false)).sort((a, b) => b.total - a.total)[0]?.rc ?? null;
  }
  for (const [g, d] of dropped) {
    const more = d.n > 1 ? ` (and ${d.n - 1} more reading${d.n > 2 ? 's' : ''} for the same reason)` : '';
    const reason = `places: dropped ${d.first} for "${g.mentions[0]!.text}" — ${d.why}${more}; ${g.chosen ? `next reading ${label(g.chosen.cand)}` : 'no reading left'}`;
    for (const m of g.mentions) {
      m.place = g.chosen ? toPlaceRef(g.chosen.cand) : null;
      m.reason = m.reason ? `${m.reason}; ${reason}` : reason;
    }
  }
}

/**
 * "Ghaziabad district, Kunar", "Seri (Kouande, Atacora)": a name right before a region or country
 * lies in it. A reading in another country, when the name has none in that country, is a misreading.
 */
function outsideOf(g: Group, nextPlace: Map<Mention, Mention>, groupOf: Map<Mention, Group>): string | null {
  const rc = g.chosen!;
  if (rc.cand.kind === 'country') return null;
  for (const m of g.mentions) {
    const next = nextPlace.get(m);
    const outer = next ? groupOf.get(next)?.chosen : undefined;
    if (!outer || outer.cand.kind === 'city' || outer.cand.countryCode === rc.cand.countryCode) continue;
    if (g.cands.some((x) => x.cand.countryCode === outer.cand.countryCode)) continue;
    return `the text puts it in ${next!.text} (${outer.cand.countryCode}), where the gazetteer has no place of this name`;
  }
  return null;
}

/** Each mention → the first PLACE mention starting within HIERARCHY_GAP after its end, in one sorted pass. */
function nextPlaceOf(mentions: readonly Mention[]): Map<Mention, Mention> {
  const places = mentions.filter((y) => y.type === 'PLACE').sort((a, b) => a.start - b.start);
  const out = new Map<Mention, Mention>();
  for (const m of mentions) {
    let lo = 0;
    let hi = places.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (places[mid]!.start < m.end) lo = mid + 1;
      else hi = mid;
    }
    const next = places[lo];
    if (next && next.start - m.end <= HIERARCHY_GAP) out.set(m, next);
  }
  return out;
}

interface Point {
  group: number;
  label: string;
  lat: number;
  lon: number;
}

/**
 * The nearest resolved place of each reading. Resolved places only ever
 * accrue, so each reading's nearest place is updated with the places
 * resolved since it was last asked, instead of measured against all of
 * them every round. Ties go to the place listed first (the lower group), as
 * when the evidence was scanned in order.
 */
class NearestPoints {
  private readonly points: Point[] = [];
  private readonly fed = new Set<number>();
  /** Per group, per reading: how many points it has been measured against, and the nearest. */
  private readonly state = new Map<number, Map<RefCandidate, { upto: number; best: { label: string; km: number; group: number } | null }>>();

  /** The points of a round's evidence; those already known are skipped. */
  add(points: readonly Point[]): void {
    for (const p of points) {
      if (this.fed.has(p.group)) continue;
      this.fed.add(p.group);
      this.points.push(p);
    }
  }

  /** The nearest point to `rc` of any group but `group`. Open groups have no point, so the exclusion never drops one here. */
  nearest(rc: RefCandidate, group: number): { label: string; km: number } | null {
    const c = rc.cand;
    let mine = this.state.get(group);
    if (!mine) this.state.set(group, (mine = new Map()));
    let st = mine.get(rc);
    if (!st) mine.set(rc, (st = { upto: 0, best: null }));
    for (; st.upto < this.points.length; st.upto++) {
      const p = this.points[st.upto]!;
      if (p.group === group) continue;
      const km = haversineKm(c.lat!, c.lon!, p.lat, p.lon);
      if (!st.best || km < st.best.km || (km === st.best.km && p.group < st.best.group)) st.best = { label: p.label, km, group: p.group };
    }
    return st.best;
  }
}

interface ScoreContext {
  near: NearestPoints;
  /** Each reading's prior, by group (a prior depends only on the reading and its group's other readings). */
  priors: Map<Group, Map<RefCandidate, Float64Array>>;
  /** The score's weights (FEATURES order): the context's, hand-set or learned. */
  weights: Float64Array;
}

/**
 * The distinct labels of an evidence list in order, each with where it first
 * and next occurs, built once per list and round. A group gives at most one
 * entry to a list, so leaving a group's own entry out moves at most one label
 * (to its next occurrence, or out).
 */
interface LabelRun {
  label: string;
  first: number;
  firstGroup: number;
  next: number;
}

const LABEL_RUNS = new WeakMap<ReadonlyArray<{ group: number; label: string }>, LabelRun[]>();

function labelRuns(a: ReadonlyArray<{ group: number; label: string }>): LabelRun[] {
  let runs = LABEL_RUNS.get(a);
  if (runs) return runs;
  runs = [];
  const byLabel = new Map<string, LabelRun>();
  a.forEach((x, i) => {
    const r = byLabel.get(x.label);
    if (!r) {
      const run = { label: x.label, first: i, firstGroup: x.group, next: -1 };
      byLabel.set(x.label, run);
      runs!.push(run);
    } else if (r.next < 0) r.next = i;
  });
  LABEL_RUNS.set(a, runs);
  return runs;
}

/**
 * The distinct labels of the list's entries from groups other than `group`,
 * in order of their first such entry: how many, and the first three.
 */
function othersOf(a: ReadonlyArray<{ group: number; label: string }> | undefined, group: number): { count: number; first: string[] } {
  if (!a || a.length === 0) return { count: 0, first: [] };
  const runs = labelRuns(a);
  const at = (r: LabelRun): number => (r.firstGroup !== group ? r.first : r.next);
  const moved = runs.find((r) => r.firstGroup === group);
  const count = runs.length - (moved && moved.next < 0 ? 1 : 0);
  // Of the first four labels at most one moves back; the first three are among them.
  const head = runs.slice(0, 4).filter((r) => at(r) >= 0).sort((x, y) => at(x) - at(y));
  return { count, first: head.slice(0, 3).map((r) => r.label) };
}

function finish(g: Group, rc: RefCandidate | null, reason: string): void {
  g.chosen = rc;
  g.done = true;
  for (const m of g.mentions) {
    m.place = rc ? toPlaceRef(rc.cand) : null;
    m.reason = m.reason ? `${m.reason}; ${reason}` : reason;
  }
}

function toPlaceRef(c: PlaceCandidate): PlaceRef {
  return {
    geonameid: c.geonameid,
    name: c.name,
    featureCode: c.featureCode,
    lat: c.lat,
    lon: c.lon,
    countryCode: c.countryCode,
    countryName: c.countryName,
    admin1Code: c.admin1Code,
    admin1Name: c.admin1Name,
    admin2Code: c.admin2Code ?? null,
    admin2Name: c.admin2Name ?? null,
    population: c.population,
  };
}

function evidence(groups: Group[], norp: Array<{ cc: string; label: string }>): Evidence {
  const ev: Evidence = { countries: new Map(), placeCountries: new Map(), admin1Named: new Map(), admin1OfPlace: new Map(), admin2Named: new Map(), admin2OfPlace: new Map(), points: [] };
  const push = <K>(map: Map<K, Array<{ group: number; label: string }>>, k: K, group: number, lbl: string): void => {
    let a = map.get(k);
    if (!a) map.set(k, (a = []));
    a.push({ group, label: lbl });
  };
  for (const n of norp) push(ev.countries, n.cc, -1, n.label);
  for (const g of groups) {
    const text = g.mentions[0]!.text;
    if (g.done) {
      if (!g.chosen) continue;
      const c = g.chosen.cand;
      push(ev.countries, c.countryCode, g.id, text);
      if (c.kind !== 'country') push(ev.placeCountries, c.countryCode, g.id, text);
      if (c.kind === 'admin1') push(ev.admin1Named, g.chosen.admin1Index, g.id, text);
      else if (g.chosen.admin1Index >= 0) push(ev.admin1OfPlace, g.chosen.admin1Index, g.id, text);
      if (c.kind === 'admin2') push(ev.admin2Named, g.chosen.admin2Index, g.id, text);
      else if (g.chosen.admin2Index >= 0) push(ev.admin2OfPlace, g.chosen.admin2Index, g.id, text);
      if (c.kind !== 'country' && c.lat !== null && c.lon !== null) ev.points.push({ group: g.id, label: text, lat: c.lat, lon: c.lon });
    } else {
      // An ambiguous name whose readings all lie in one country still names that country.
      const cc = g.cands[0]!.cand.countryCode;
      if (g.cands.every((rc) => rc.cand.countryCode === cc)) push(ev.countries, cc, g.id, text);
    }
  }
  return ev;
}

/** A reading's prior features (PRIOR_FEATURES order, values in FEATURE units) and notes on them. */
function priorFeatures(rc: RefCandidate, g: Group): { f: Float64Array; notes: string[] } {
  const c = rc.cand;
  const f = new Float64Array(PRIOR_FEATURES.length);
  // A town of unknown population is in the data because it has at least MIN_TOWN_POPULATION people or is a seat.
  const pop = c.kind === 'city' ? Math.max(rc.priorPopulation, SCORING.MIN_TOWN_POPULATION) : rc.priorPopulation;
  f[F.logPopulation] = Math.log10(pop + 1);
  const notes: string[] = [];
  if (c.kind === 'city') {
    // A world city is what its bare name means unless the text says otherwise
    // plainly: "London" in a report that also mentions an American from Utah.
    if ((c.population ?? 0) >= SCORING.WORLD_CITY_POPULATION) f[F.worldCity] = 1;
    if (c.featureCode === 'PPLC') f[F.capital] = 1;
    else if (c.featureCode === 'PPLA') f[F.admin1Seat] = 1;
    else if (c.featureCode === 'PPLA2') f[F.admin2Seat] = 1;
    else if (c.featureCode === 'PPLX') f[F.section] = 1;
  } else if (c.kind === 'country') {
    f[F.countryReading] = 1;
  } else if (c.kind === 'admin2') {
    // A district whose name is also a town inside it: the bare name is the town. Not where the text
    // writes it as the container of a place in it ("Kouande (Atacora)", "in Tanguieta, Tanguieta").
    const shadowed = !containerOfInner(rc, g) && g.cands.some((o) => o.cand.kind === 'city' && !o.alt && o.admin2Index === rc.admin2Index);
    if (shadowed) {
      f[F.districtShadowed] = 1;
      notes.push('a town inside it has the same name');
    }
  } else {
    // A region whose name is also a city inside it, unless the text writes it as the container of a
    // place in it: "in Maruf district, Kandahar" is Kandahar province, not the city.
    const shadowed = !containerOfInner(rc, g) && g.cands.some((o) => o.cand.kind === 'city' && !o.alt && o.admin1Index === rc.admin1Index);
    if (shadowed) {
      f[F.regionShadowed] = 1;
      notes.push('a city inside it has the same name');
    }
  }
  if (rc.alt) {
    f[F.altName] = 1;
    notes.push('found through an alternate name');
  }
  return { f, notes };
}

/** Σ w·f over features [from, to) in order: the hand weights give the sums the constants gave. */
function dot(w: Float64Array, f: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += w[i]! * f[i]!;
  return s;
}

/** A reading's score; its reasons are written only when `withWhy` (for the reading that wins). */
function score(rc: RefCandidate, g: Group, ev: Evidence, ctx: ScoreContext, withWhy: boolean): Scored {
  const c = rc.cand;
  const w = ctx.weights;
  let priors = ctx.priors.get(g);
  if (!priors) ctx.priors.set(g, (priors = new Map()));
  let pf = priors.get(rc);
  if (pf === undefined) priors.set(rc, (pf = priorFeatures(rc, g).f));
  const f = new Float64Array(FEATURES.length);
  f.set(pf);
  const why: string[] = [];

  const cs = othersOf(ev.countries.get(c.countryCode), g.id);
  if (cs.count > 0) {
    f[F.countryInText] = 1;
    if (withWhy) why.push(`country ${c.countryCode} is in the text (${cs.first.join(', ')})`);
  }
  if (c.kind !== 'country' && rc.admin1Index >= 0) {
    const named = c.kind === 'admin1' ? { count: 0, first: [] } : othersOf(ev.admin1Named.get(rc.admin1Index), g.id);
    if (named.count > 0) {
      f[F.admin1InText] = 1;
      if (withWhy) why.push(`its region ${c.admin1Name} is named (${named.first.join(', ')})`);
    } else {
      const via = othersOf(ev.admin1OfPlace.get(rc.admin1Index), g.id);
      if (via.count > 0) {
        f[F.admin1OfOtherPlace] = 1;
        if (withWhy) why.push(`${via.first.join(', ')} ${via.count > 1 ? 'are' : 'is'} in the same region (${c.admin1Name})`);
      }
    }
  }
  districtContext(rc, g, ev, f, withWhy, why);
  hierarchyContext(rc, g, f, withWhy, why);
  if (c.kind !== 'country' && c.lat !== null && c.lon !== null) {
    const best = ctx.near.nearest(rc, g.id);
    if (best && best.km <= SCORING.NEAR_KM) {
      f[F.near] = 1;
      if (withWhy) why.push(`${Math.round(best.km)} km from ${best.label}`);
    } else if (best && best.km <= SCORING.REGION_KM) {
      f[F.region] = 1;
      if (withWhy) why.push(`${Math.round(best.km)} km from ${best.label}`);
    }
  }
  const prior = dot(w, f, 0, PRIOR_FEATURES.length);
  const context = dot(w, f, PRIOR_FEATURES.length, FEATURES.length);
  return { rc, total: prior + context, prior, context, why, f };
}

/** The readings a group may still have: its choice once settled, else all. */
/** Whether division reading `rc` contains a reading of a name the text writes right before it ("A, B", "A (B)"). */
function containerOfInner(rc: RefCandidate, g: Group): boolean {
  for (const i of g.inner) if (i.cands.some((r) => r !== rc && contains(rc, r))) return true;
  return false;
}

function readingsOf(g: Group): readonly RefCandidate[] {
  return g.done ? (g.chosen ? [g.chosen] : []) : g.cands;
}

/** Whether division reading `outer` contains reading `inner`. */
function contains(outer: RefCandidate, inner: RefCandidate): boolean {
  if (outer.cand.countryCode !== inner.cand.countryCode) return false;
  if (outer.cand.kind === 'admin1') return inner.cand.kind !== 'admin1' && inner.cand.kind !== 'country' && inner.admin1Index === outer.admin1Index;
  if (outer.cand.kind === 'admin2') return inner.cand.kind === 'city' && inner.admin2Index === outer.admin2Index;
  return false;
}

/** Context from the text's own hierarchy: "Toledo, Antioquia" — Toledo in Antioquia, Antioquia the region. */
function hierarchyContext(rc: RefCandidate, g: Group, f: Float64Array, withWhy: boolean, why: string[]): void {
  for (const o of g.outer) {
    if (readingsOf(o).some((r) => contains(r, rc))) {
      if (withWhy) why.push(`the text puts it in ${o.mentions[0]!.text}`);
      f[F.hierarchy] = 1;
      return;
    }
  }
  for (const i of g.inner) {
    if (readingsOf(i).some((r) => contains(rc, r))) {
      if (withWhy) why.push(`the text puts ${i.mentions[0]!.text} in it`);
      f[F.hierarchy] = 1;
      return;
    }
  }
}

/** Context from the reading's admin2 district: named in the text, or the district of another place. */
function districtContext(rc: RefCandidate, g: Group, ev: Evidence, f: Float64Array, withWhy: boolean, why: string[]): void {
  if (rc.admin2Index < 0 || rc.cand.kind === 'admin2') return;
  const named = othersOf(ev.admin2Named.get(rc.admin2Index), g.id);
  if (named.count > 0) {
    if (withWhy) why.push(`its district ${rc.cand.admin2Name} is named (${named.first.join(', ')})`);
    f[F.admin2InText] = 1;
    return;
  }
  const via = othersOf(ev.admin2OfPlace.get(rc.admin2Index), g.id);
  if (via.count > 0) {
    if (withWhy) why.push(`${via.first.join(', ')} ${via.count > 1 ? 'are' : 'is'} in the same district (${rc.cand.admin2Name})`);
    f[F.admin2OfOtherPlace] = 1;
  }
}

function explain(g: Group, scored: Scored[]): string {
  const w = scored[0]!;
  const r = scored[1];
  const text = g.mentions[0]!.text;
  const head = `places: ${label(w.rc.cand)} for "${text}"`;
  if (!r) return `${head} — the only reading`;
  const vs = `over ${label(r.rc.cand)} (score ${w.total.toFixed(1)} vs ${r.total.toFixed(1)}; ${scored.length} readings)`;
  if (w.context - r.context > SCORING.EPSILON) {
    return `${head} — ${w.why.join('; ')}; ${vs}`;
  }
  // Context does not separate the two: the prior decided.
  const pw = w.rc.priorPopulation;
  const pr = r.rc.priorPopulation;
  const ctx = w.why.length > 0 ? ` (both fit: ${w.why.join('; ')})` : '';
  let by: string;
  if (w.rc.cand.kind === 'country' && r.rc.cand.kind !== 'country') by = 'a bare country name reads as the country';
  else if (w.rc.cand.kind === 'city' && r.rc.cand.kind === 'admin1' && w.rc.admin1Index === r.rc.admin1Index)
    by = 'the region shares its name with this city, and the bare name reads as the city';
  else if (w.rc.cand.kind === 'city' && r.rc.cand.kind === 'admin2' && w.rc.admin2Index === r.rc.admin2Index)
    by = 'the district shares its name with this town, and the bare name reads as the town';
  else if (pw >= pr) by = `chosen by population (${pw.toLocaleString('en-US')} vs ${pr.toLocaleString('en-US')})`;
  else by = `chosen by feature rank (${w.rc.cand.featureCode} vs ${r.rc.cand.featureCode})`;
  return `${head} — no context tells the readings apart${ctx}; ${by}; ${vs}`;
}

function label(c: PlaceCandidate): string {
  const parts = [c.name];
  if ((c.kind === 'city' || c.kind === 'admin2') && c.admin1Name) parts.push(c.admin1Name);
  if (c.kind !== 'country') parts.push(c.countryCode);
  const id = c.geonameid !== null ? ` (${c.geonameid})` : ` (${c.kind})`;
  return parts.join(', ') + id;
}

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const R = 6371;
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLon = (lon2 - lon1) * toRad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}
