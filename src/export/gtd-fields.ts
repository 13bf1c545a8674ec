import type { IncidentReport, TargetValue } from '../model/index.js';
import { parseNumber } from '../nlp/numbers.js';
import { claimedOf, count, sentenceOf, type ExportItem } from './records.js';
import { GTD_TARGET_SUBTYPES } from './gtd-codes.js';

/**
 * GTD codebook fields beyond the place, types and figures: how each is decided from what a report
 * says (docs/formats.md has the same, column by column). GTD's own conventions: 1 yes, 0 no, -9
 * unknown for the yes/no fields; -99 for an unknown count of perpetrators.
 */

/** Words that call the incident terrorism: what settles GTD's doubt that it is. */
const TERROR_WORDS = /\bterror(?:ist|ism)?\b/i;
/** A report that the attack failed: a bomb defused or that did not go off, an attack foiled or thwarted. */
const FAILED_WORDS = /\b(?:defused|foiled|thwarted|failed to (?:explode|detonate)|did not (?:explode|detonate|go off)|was intercepted)\b/i;
/** A report of property damage in the incident's sentence. */
const DAMAGE_WORDS = /\b(?:damag(?:ed|ing)|destroy(?:ed|ing)|set (?:on )?fire|set ablaze|torched|burn(?:ed|t) (?:down)?|gutted|razed|looted)\b/i;
/** A report that nothing was damaged. */
const NO_DAMAGE_WORDS = /\bno (?:property )?damage\b/i;
const SUICIDE_WORDS = /\bsuicide\b/i;
const HOSTAGE_WORDS = /\b(?:hostages?|kidnapp(?:ed|ing)|abduct(?:ed|ing|ion)|taken captive|seized \w+ (?:people|passengers|workers))\b/i;

/** GTD `suicide`: 1 for a suicide attack (the kind, or "suicide" in the perpetrators or the sentence), else 0. */
export function gtdSuicide(item: ExportItem, r: IncidentReport): string {
  if (r.type.value.kind === 'suicide_bombing') return '1';
  if (r.perpetrators.some((p) => SUICIDE_WORDS.test(p.value.name)) || SUICIDE_WORDS.test(sentenceOf(item, r))) return '1';
  return '0';
}

/** GTD `success`: 0 when the report says the attack failed (defused, foiled), else 1 (it happened as reported). */
export function gtdSuccess(item: ExportItem, r: IncidentReport): string {
  return FAILED_WORDS.test(sentenceOf(item, r)) ? '0' : '1';
}

/** GTD `property`: 1 damage reported (or arson, sabotage, a bombing: damage by their nature), 0 "no damage", -9 not said. */
export function gtdProperty(item: ExportItem, r: IncidentReport): string {
  const s = sentenceOf(item, r);
  if (NO_DAMAGE_WORDS.test(s)) return '0';
  if (DAMAGE_WORDS.test(s)) return '1';
  const k = r.type.value.kind;
  if (k === 'arson' || k === 'sabotage' || k === 'bombing' || k === 'suicide_bombing') return '1';
  return '-9';
}

/** GTD `ishostkid`: 1 when people were taken hostage or kidnapped (the kind, or the sentence says so), else 0. */
export function gtdHostages(item: ExportItem, r: IncidentReport): string {
  if (r.type.value.kind === 'hostage_taking') return '1';
  return HOSTAGE_WORDS.test(sentenceOf(item, r)) ? '1' : '0';
}

/**
 * GTD `nperps`: the number the perpetrators' words give ("two gunmen" 2, "a suicide bomber" 1), summed over
 * perpetrators when each is counted; -99 (GTD's unknown) when any is uncounted ("gunmen", "militants").
 */
export function gtdPerpetratorCount(r: IncidentReport): string {
  if (!r.perpetrators.length) return '-99';
  let total = 0;
  for (const p of r.perpetrators) {
    const n = leadingNumber(p.value.name);
    if (n === null) return '-99';
    total += n;
  }
  return String(total);
}

const LEADING_NUMBER = /^(?:the\s+)?((?:\d[\d,]*)|(?:[a-z]+(?:[\s-][a-z]+)?))\s+\w/i;
/** One person: "a gunman", "a suicide bomber", "the lone attacker"; not a collective ("a group of gunmen"). */
const SINGULAR_ARTICLE = /^(?:an?|one|the lone|a lone|a single)\s+(?!(?:group|band|number|crowd|squad|unit|team|gang|mob|dozen|few|couple)\b)[\w-]+(?:\s+[\w-]+){0,2}$/i;

function leadingNumber(words: string): number | null {
  if (SINGULAR_ARTICLE.test(words.trim())) return 1;
  const m = LEADING_NUMBER.exec(words.trim());
  if (!m) return null;
  const two = parseNumber(m[1]!);
  if (two !== null) return two;
  return parseNumber(m[1]!.split(/[\s-]/)[0]!);
}

/** GTD `nperpcap`: the incident's arrested figure (arrests of the perpetrators are a field of the incident), else -99. */
export function gtdPerpetratorsCaptured(item: ExportItem): string {
  const n = count(item, 'arrested');
  return n === null ? '-99' : String(n);
}

/**
 * GTD `targsubtype1`: the first rule of the target type whose words occur in the target
 * (GTD_TARGET_SUBTYPES); blank when none does.
 */
export function gtdTargetSubtype(type: string, target: TargetValue | undefined): { code: string; text: string } {
  if (!target) return { code: '', text: '' };
  const hit = GTD_TARGET_SUBTYPES[type]?.find((s) => s.words.test(target.name));
  return hit ? { code: String(hit.code), text: hit.text } : { code: '', text: '' };
}

/**
 * GTD `corp1`: the named body a target belongs to, as the target's words name it — a run of capitalised
 * words after its first word ("the Kerch Bridge", "an Orthodox church of the Moscow Patriarchate");
 * `Unknown` when the words name none.
 */
export function gtdCorp(target: TargetValue | undefined): string {
  if (!target) return 'Unknown';
  return capitalisedRun(target.name.replace(LEADING_DETERMINER, '')) ?? 'Unknown';
}
const LEADING_DETERMINER = /^(?:the|a|an|two|three|four|several)\s+/i;
const NAME_CHAR = /[\w'’-]/;
const UPPER = /[A-Z]/;

/** A word's capitalised name part: its letters after any opening punctuation, up to the first other mark. */
function namePart(word: string): { text: string; whole: boolean } | null {
  let i = 0;
  while (i < word.length && !NAME_CHAR.test(word[i]!)) i++;
  if (i >= word.length || !UPPER.test(word[i]!)) return null;
  let j = i + 1;
  while (j < word.length && NAME_CHAR.test(word[j]!)) j++;
  return { text: word.slice(i, j), whole: j === word.length };
}

/**
 * The first run of two or more capitalised words, "of" and "of the" allowed between them ("Bank of
 * the North"): a corporation's name in a target. Scanned word by word: the one-pattern version
 * backtracked quadratically on a long word of capitals and apostrophes (the ReDoS check).
 */
export function capitalisedRun(text: string): string | null {
  const words = text.split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    const first = namePart(words[i]!);
    if (!first?.whole) continue;
    const run = [first.text];
    let j = i + 1;
    while (j < words.length) {
      const joiners = words[j] === 'of' ? (words[j + 1] === 'the' ? 2 : 1) : 0;
      const next = namePart(words[j + joiners] ?? '');
      if (!next) break;
      run.push(...words.slice(j, j + joiners), next.text);
      j += joiners + 1;
      if (!next.whole) break;
    }
    if (run.length > 1) return run.join(' ');
  }
  return null;
}

/** Who GTD's criteria and doubt fields weigh: a claim, a known group, or words of terrorism. */
interface TerrorEvidence {
  affirmed: boolean;
  militaryOnly: boolean;
}

function terrorEvidence(item: ExportItem, r: IncidentReport, gname: string): TerrorEvidence {
  const cl = claimedOf(item);
  const affirmed = (cl.claimed === '1' && cl.unchallenged) || (gname !== 'Unknown' && gname !== '') || TERROR_WORDS.test(sentenceOf(item, r)) || TERROR_WORDS.test(r.label);
  const types = r.targets.map((t) => t.value.gtdTargetType);
  const militaryOnly = types.length > 0 && types.every((t) => t === 'Military');
  return { affirmed, militaryOnly };
}

/**
 * GTD's inclusion criteria and doubt. GTD records an attack that meets at least two of: a political,
 * economic, religious or social goal (crit1); an intent to coerce or intimidate a wider audience (crit2);
 * action outside legitimate warfare, i.e. not on combatants (crit3). Dossier exports only attacks, so
 * crit1 and crit2 are 1 as GTD codes almost every attack it records; crit3 is 0 when every typed target
 * is Military. doubtterr is 1 (doubt that it is terrorism) only when the targets are military alone and
 * nothing affirms terrorism (no claim, no known group, no words of terrorism) — an insurgent's attack on
 * soldiers; else 0.
 */
export function gtdCriteria(item: ExportItem, r: IncidentReport, gname: string): { crit1: string; crit2: string; crit3: string; doubtterr: string } {
  const e = terrorEvidence(item, r, gname);
  return { crit1: '1', crit2: '1', crit3: e.militaryOnly ? '0' : '1', doubtterr: e.militaryOnly && !e.affirmed ? '1' : '0' };
}

/**
 * GTD's second and third attack types: types the weapons imply beyond the first (explosives a
 * Bombing/Explosion, fire a Facility/Infrastructure Attack, firearms or blades an Armed Assault) and a
 * kidnapping the sentence tells, in that order, at most two.
 */
export function gtdMoreAttackTypes(item: ExportItem, r: IncidentReport, first: string): string[] {
  const weapons = new Set(r.weapons.map((w) => w.value));
  const implied: string[] = [];
  if (weapons.has('Explosives')) implied.push('Bombing/Explosion');
  // An assassination or a kidnapping by gunmen is that, not also an armed assault.
  if ((weapons.has('Firearms') || weapons.has('Melee')) && !first.startsWith('Hostage') && first !== 'Assassination') implied.push('Armed Assault');
  if (weapons.has('Incendiary')) implied.push('Facility/Infrastructure Attack');
  if (gtdHostages(item, r) === '1') implied.push('Hostage Taking (Kidnapping)');
  return [...new Set(implied)].filter((t) => t !== first).slice(0, 2);
}
