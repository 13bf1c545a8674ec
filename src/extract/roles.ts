import type { ActorValue, Mention, Span, TargetValue } from '../model/index.js';
import { TARGET_TYPE_RULES, WEAPON_RULES } from './incident-types.js';
import { PERPETRATOR_NOUNS } from './triggers.js';
import { spanIndex } from '../nlp/span-index.js';

export interface RoleFact<T> extends Span {
  value: T;
  reason: string;
  confidence: number;
}

/**
 * Perpetrator descriptions. Patterns, each with an example:
 *  - "The four captured terrorists were all young migrant laborers from Tajikistan" (attackers' noun + copula + description)
 *  - "among the attackers were the sons and two nephews of Magomed Omarov"
 *  - "neo-Nazi forces launched an incursion" (subject of an event verb)
 *  - "the attack was carried out by X" / "X claimed responsibility" is left to the claims stage
 *  - "One of the nephews of Omarov who perpetrated the attack"
 */
const PERP_RULES: { name: string; re: RegExp; group: number; reason: string; confidence: number }[] = [
  {
    name: 'among',
    re: /\bamong the (?:attackers|perpetrators|terrorists|gunmen|assailants|suspects) (?:were|was) ([^.;:]+?)(?=[.;:]|, (?:a|an|the|who|which)\b|$)/gi,
    group: 1, reason: 'rule: "among the attackers were …"', confidence: 0.8,
  },
  {
    name: 'copula',
    re: /\b(?:[Tt]he|[Aa]ll|[Tt]hese|[Tt]hose)\s+(?:\w+\s+){0,2}?(?:attackers|perpetrators|terrorists|gunmen|assailants|suspects|bombers)\s+(?:were|was)\s+(?:all\s+|reportedly\s+|allegedly\s+)?((?:young|local|foreign|[a-z-]+\s+)?[^.;:]*?(?:from|of|in)\s+[A-Z][^.;:,]*?|(?:members?|citizens?|nationals?|natives?|supporters?) of [^.;:,]+?)(?=[.;:,]|$)/g,
    group: 1, reason: 'rule: "the attackers were …"', confidence: 0.75,
  },
  {
    name: 'who-perpetrated',
    re: /\b((?:[Oo]ne|[Tt]wo|[Tt]hree|[Ss]ome|[Ss]everal|[Mm]any|[Bb]oth|[Ee]ach) of the [a-z]+ of [A-Z][\w-]+(?: [A-Z][\w-]+)?|[A-Z][\w-]+(?: [A-Z][\w-]+)?) who (?:perpetrated|carried out|committed|staged) the (?:attack|bombing|shooting|massacre)/g,
    group: 1, reason: 'rule: "X who perpetrated the attack"', confidence: 0.75,
  },
  {
    name: 'event-verb-subject',
    re: /(?:^|[,;:]\s*|\b(?:and|when|after|as)\s+)((?:[A-Za-z-]+\s+){0,3}?(?:forces|militants|fighters|gunmen|rebels|insurgents|troops|militias?|groups?|units?|[A-Z][\w-]+))\s+(?:launched|carried out|staged|mounted|committed|perpetrated)\s+(?:an?|the|their)\s+(?:\w+\s+){0,2}?(?:incursions?|attacks?|raids?|bombings?|assaults?|offensive)/g,
    group: 1, reason: 'rule: subject of "launched/carried out … attack"', confidence: 0.7,
  },
  {
    name: 'by',
    re: /\b(?:attacks?|bombings?|shootings?|incursions?|massacre)\s+(?:was|were|had been|has been)\s+(?:\w+ly\s+)?(?:carried out|perpetrated|committed|launched|staged)\s+by\s+([^.;:,]+)/gi,
    group: 1, reason: 'rule: "… was carried out by X"', confidence: 0.8,
  },
];

/** A proper group name: capitalised words joined by "of", "for", "and", "the", with an optional "(ABBR)". */
const GROUP_NAME = "((?:[Tt]he\\s+)?[A-Z][\\w'’-]*(?:\\s+(?:of|for|and|de|la|del|the|[A-Z][\\w'’-]*))*\\s+[A-Z][\\w'’-]*(?:\\s+\\([A-Z][A-Za-z-]{1,9}\\))?)";

/**
 * Named groups that claim or carry out an incident. Each is a group (kind 'group'), so the GTD
 * export's gname comes from it. Examples (our own words):
 *  - "The Northern Liberation Front claimed credit for the bombing"
 *  - "suspected members of the Red Dawn Brigade firebombed …", "a member of the Red Dawn Brigade placed …"
 *  - "a group called Free Valley Resistance claimed …"
 *  - "The Red Dawn Brigade is suspected of planting …"
 */
const GROUP_RULES: { name: string; re: RegExp; reason: string; confidence: number }[] = [
  { name: 'claimed', re: new RegExp(`${GROUP_NAME}\\s+(?:(?:later|subsequently|also)\\s+)?(?:claimed|claims|has claimed|took|accepted)\\s+(?:credit|responsibility)\\b`, 'g'), reason: 'rule: "X claimed credit/responsibility"', confidence: 0.85 },
  { name: 'members-of', re: new RegExp(`\\b(?:[Mm]embers?|[Aa]ctivists?|[Mm]ilitants?|[Ss]upporters?) of (?:an?\\s+(?:[a-z-]+\\s+)?group called\\s+)?${GROUP_NAME}`, 'g'), reason: 'rule: "members of the X"', confidence: 0.75 },
  { name: 'group-called', re: new RegExp(`\\b(?:group|organi[sz]ation) (?:called|named|known as)\\s+${GROUP_NAME}`, 'g'), reason: 'rule: "a group called X"', confidence: 0.75 },
  { name: 'suspected', re: new RegExp(`${GROUP_NAME}\\s+(?:is|was|were|are)\\s+(?:\\w+ly\\s+)?(?:suspected|believed|thought|blamed)\\b`, 'g'), reason: 'rule: "X is suspected of …"', confidence: 0.65 },
];

/** Words that begin a capitalised run but are no group: sentence-initial "Unknown", "Police", "Authorities". */
const NOT_GROUP = /^(?:the\s+)?(?:unknown|unidentified|police|authorities|officials?|witnesses|investigators|he|she|they|it)\b/i;

function findGroups(text: string, seg: Span): RoleFact<ActorValue>[] {
  const s = text.slice(seg.start, seg.end);
  const out: RoleFact<ActorValue>[] = [];
  for (const rule of GROUP_RULES) {
    rule.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = rule.re.exec(s)) !== null) {
      const g = m[1]!;
      // "Members of the X claimed …": the group is X.
      const name = g.replace(/^(?:(?:[Ss]uspected|[Aa]lleged)\s+)?(?:[Mm]embers?|[Ss]upporters?|[Aa]ctivists?)\s+of\s+/, '').replace(/^[Tt]he\s+/, '').trim();
      if (NOT_GROUP.test(name) || name.split(/\s+/).length < 2) continue;
      const start = seg.start + m.index + m[0].indexOf(g) + (g.length - name.length);
      out.push({ start, end: start + name.length, value: { name, kind: 'group', origin: null }, reason: rule.reason, confidence: rule.confidence });
    }
  }
  return out;
}

export function findPerpetrators(text: string, seg: Span, mentions: readonly Mention[]): RoleFact<ActorValue>[] {
  const s = text.slice(seg.start, seg.end);
  const out: RoleFact<ActorValue>[] = findGroups(text, seg);
  for (const rule of PERP_RULES) {
    rule.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = rule.re.exec(s)) !== null) {
      const g = m[rule.group];
      if (!g) continue;
      const desc = g.trim().replace(/\s+/g, ' ');
      if (desc.length < 3) continue;
      const start = seg.start + m.index + m[0].indexOf(g) + (g.length - g.trimStart().length);
      const end = start + g.trim().length;
      const inside = spanIndex(mentions).inside({ start, end });
      const org = inside.find((x) => x.type === 'ORG');
      const person = inside.find((x) => x.type === 'PERSON');
      const place = inside.find((x) => (x.type === 'PLACE' && x.place?.featureCode.startsWith('PCL')) || x.type === 'NORP');
      const origin = place ? (place.place?.countryName ?? place.text) : null;
      const kind: ActorValue['kind'] = org && !/\b(?:sons?|nephews?|members?|brothers?|men|women|laborers|labourers|workers|migrants)\b/i.test(desc) ? 'group' : /\b(forces|militants|fighters|groups?|units?|militias?|rebels|insurgents)\b/i.test(desc) ? 'group' : 'individual';
      out.push({
        start, end,
        value: { name: desc, kind, origin },
        reason: rule.reason + (person ? `; names ${person.text}` : '') + (org ? `; names ${org.text}` : ''),
        confidence: rule.confidence,
      });
    }
  }
  return out;
}

/**
 * Targets. Patterns, each with an example:
 *  - "The attackers targeted two Orthodox churches, two synagogues, … and a traffic patrol post" (a list after "targeted")
 *  - "the terrorist attack on the Kerch Bridge" / "the bombing of the Nord Stream gas pipeline" (after the trigger)
 *  - "a store owned by Tajik citizens was set on fire" (subject of a passive arson verb)
 *  - "the attack … in the Crocus City concert hall" (a facility named in the incident's clause)
 */
export function findTargets(text: string, seg: Span, trigger: Span | null, mentions: readonly Mention[], dateSpans: readonly Span[] = []): RoleFact<TargetValue>[] {
  const s = text.slice(seg.start, seg.end);
  const out: RoleFact<TargetValue>[] = [];
  const push = (start: number, end: number, reason: string, confidence: number): void => {
    let t = text.slice(start, end);
    // Trim a trailing relative clause or parenthesis: "two synagogues, one of which …"
    t = t.replace(/\s*\([^)]*\)?\s*$/, '').replace(/[,\s]+$/, '');
    if (t.length < 3 || /^(?:it|them|him|her|the country)$/i.test(t)) return;
    // Not targets: the attackers themselves ("attack of militants"), a territory, a date, a long clause.
    if (PERPETRATOR_NOUNS.test(t) || /\bterritor(?:y|ies)\b/i.test(t) || t.split(/\s+/).length > 8) return;
    if (/\b(?:sought|said|were|was|is|are|have|has|had|will|would)\b/i.test(t)) return;
    // "the Russian Belgorod region" names where, not what.
    if (spanIndex(mentions).startingIn(start, start + t.length).some((x) => x.type === 'PLACE' && x.end >= start + t.length - 1)) return;
    if (spanIndex(dateSpans).containing(start).length) return;
    // A bare place is a location, not a target.
    const asMention = spanIndex(mentions).startingIn(start, start).find((x) => x.end === start + t.length);
    if (asMention && (asMention.type === 'PLACE' || asMention.type === 'NORP')) return;
    let rule = TARGET_TYPE_RULES.find((r) => r.pattern.test(t));
    // A part of a larger facility takes the facility's type when its own words give none or only a generic
    // one: "the Science Building at California State University", "Sumner Hall at Pomona College", "a men's
    // restroom of Tamalpais High School", "the Ingalls Skating Rink at Yale University".
    if (!rule || /\b(?:hall|building|offices?|center|centre|library|rink|restroom|gymnasium)\s*$/i.test(t)) {
      const of = /^\s*(?:,\s*|\s+(?:at|of|on the campus of|located within|within)\s+)(?:the\s+)?([A-Z][^,.;]{2,60})/.exec(text.slice(start + t.length, Math.min(seg.end, start + t.length + 80)));
      const outer = of ? TARGET_TYPE_RULES.find((r) => r.pattern.test(of[1]!)) : undefined;
      if (outer && outer.type !== 'Private Citizens & Property') rule = outer;
    }
    // One target named twice ("two synagogues" … "Jewish synagogues") is kept once.
    const head = (x: string): string => (x.toLowerCase().split(/\s+/).pop() ?? '').replace(/e?s$/, '');
    if (out.some((o) => head(o.value.name) === head(t))) return;
    out.push({ start, end: start + t.length, value: { name: t, gtdTargetType: rule?.type ?? 'Unknown' }, reason: `${reason}; type: ${rule ? rule.reason : 'no type word'}`, confidence });
  };
  // 1. "targeted A, B and C"
  // Also the GTD-style verbs that take the target as object: "bombed the Argyle Building",
  // "firebombed a draft board office", "set fire to four buildings", "ambushed a police wagon".
  const tg = /\b(?:targeted|targeting|attacked|struck|hit|stormed|bombed|firebombed|fire-bombed|set fire to|burned|burned down|torched|ambushed|shot at|vandalized|ransacked)\s+((?:(?:[A-Z]\.)+|[^.;:])+)/i.exec(s);
  if (tg) {
    const listStart = seg.start + tg.index + tg[0].length - tg[1]!.length;
    const parts = splitList(tg[1]!);
    for (const p of parts) {
      if (/^(?:one|two|some|all|both) of (?:which|whom)\b/i.test(p.text) || /^(?:which|who)\b/i.test(p.text)) continue;
      // Cut an item at a trailing phrase: "a checkpoint during the night".
      const cut = p.text.replace(/\s+(?:during|in order|killing|leaving|after|before|with)\b.*$/i, '');
      // A list ends where a clause starts: "…, the attackers sought …".
      if (cut.split(/\s+/).length > 6) break;
      push(listStart + p.offset, listStart + p.offset + cut.length, 'rule: object of "targeted"', 0.8);
    }
  }
  // 2. "attack on X", "bombing of X", "attack against X"
  if (trigger) {
    const after = text.slice(trigger.end, seg.end);
    // "detonated a bomb at a factory", "threw a firebomb into the house of …", "placed a bomb
    // in the parking lot of the police department", "a bomb outside of the Army Reserve Building".
    // Initialisms keep their dots ("the Air Force R.O.T.C.").
    const W = "(?:(?:[A-Z]\\.){2,}|[\\w’'&-]+)";
    const on = new RegExp(`^\\s+(?:on|of|against|at|into|inside|in front of|outside(?: of)?|through|to|in)\\s+((?:the\\s+)?(?:${W}\\s+){0,7}?${W}?)(?=\\s*[,.;:]|\\s+(?:in|near|on|at|which|that|who|and the|by|with|was|were|has|had|killed|leaving|during|before|after|but)\\b|$)`).exec(after);
    if (on) {
      const g = on[1]!;
      const start = trigger.end + on[0].length - g.length;
      push(start, start + g.length, 'rule: object after the incident word', 0.7);
    }
  }
  // 3. "X was set on fire" — the subject of a passive incident verb.
  const pas = /(?:^|[,;]\s*|\b(?:In|in) [A-Z][\w-]+,\s*)((?:a|an|the|two|three|several)\s+[^,.;]{2,60}?)\s+(?:was|were|had been|has been)\s+(?:\w+ly\s+)?(?:set on fire|set alight|torched|bombed|attacked|shelled|burned down)/.exec(s);
  if (pas) {
    const g = pas[1]!;
    const start = seg.start + pas.index + pas[0].indexOf(g);
    push(start, start + g.length, 'rule: subject of a passive incident verb', 0.75);
  }
  // 4. A facility named in the clause is a target unless something else is.
  if (out.length === 0 && trigger) {
    const fac = spanIndex(mentions).inside(seg).find((m) => m.type === 'FACILITY');
    if (fac) push(fac.start, fac.end, 'rule: facility named in the incident clause', 0.6);
  }
  return out;
}

function splitList(list: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  // Drop parentheses first but keep offsets: replace them with spaces.
  const masked = list.replace(/\([^)]*\)/g, (m) => ' '.repeat(m.length));
  const re = /[^,]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(masked)) !== null) {
    let part = m[0];
    let off = m.index;
    // "and a traffic patrol post" → "a traffic patrol post"
    const lead = /^\s*(?:and|or)?\s*/.exec(part)![0];
    off += lead.length;
    part = part.slice(lead.length).trimEnd();
    // "two synagogues and a post" inside one comma part
    const andSplit = part.split(/\s+and\s+/);
    let o = off;
    for (const a of andSplit) {
      if (a.trim()) out.push({ text: a.trim(), offset: o });
      o += a.length + 5;
    }
  }
  return out;
}

export function findWeapons(text: string, seg: Span): RoleFact<string>[] {
  const s = text.slice(seg.start, seg.end);
  const out: RoleFact<string>[] = [];
  for (const rule of WEAPON_RULES) {
    const re = new RegExp(rule.pattern.source, 'gi');
    const m = re.exec(s);
    if (!m) continue;
    // "weapons" in "nuclear weapons" or "weapons supplied by" are about policy, not the incident.
    if (/\bnuclear\b/i.test(s.slice(Math.max(0, m.index - 12), m.index))) continue;
    out.push({ start: seg.start + m.index, end: seg.start + m.index + m[0].length, value: rule.type, reason: `rule: ${rule.reason} ("${m[0]}")`, confidence: 0.8 });
  }
  return out;
}

export { PERPETRATOR_NOUNS };
