import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GROUP_RULES, OBJECT_AFTER_TRIGGER, PERP_RULES } from './roles.js';

/**
 * Issue 13: the rules below were quadratic (a start at every word of one run, or at every blank of
 * one, each read to the end). The old patterns are kept here to compare: the same matches, groups and
 * lastIndex steps, on fixtures and on the attack strings recheck found.
 */
const GROUP_NAME = "((?:[Tt]he\\s+)?[A-Z][\\w'’-]*(?:\\s+(?:of|for|and|de|la|del|the|[A-Z][\\w'’-]*))*\\s+[A-Z][\\w'’-]*(?:\\s+\\([A-Z][A-Za-z-]{1,9}\\))?)";
const OLD: Record<string, RegExp> = {
  claimed: new RegExp(`${GROUP_NAME}\\s+(?:(?:later|subsequently|also)\\s+)?(?:claimed|claims|has claimed|took|accepted)\\s+(?:credit|responsibility)\\b`, 'g'),
  suspected: new RegExp(`${GROUP_NAME}\\s+(?:is|was|were|are)\\s+(?:\\w+ly\\s+)?(?:suspected|believed|thought|blamed)\\b`, 'g'),
  copula: /\b(?:[Tt]he|[Aa]ll|[Tt]hese|[Tt]hose)\s+(?:\w+\s+){0,2}?(?:attackers|perpetrators|terrorists|gunmen|assailants|suspects|bombers)\s+(?:were|was)\s+(?:all\s+|reportedly\s+|allegedly\s+)?((?:young|local|foreign|[a-z-]+\s+)?[^.;:]*?(?:from|of|in)\s+[A-Z][^.;:,]*?|(?:members?|citizens?|nationals?|natives?|supporters?) of [^.;:,]+?)(?=[.;:,]|$)/g,
  'who-perpetrated': new RegExp(String.raw`\b((?:[Oo]ne|[Tt]wo|[Tt]hree|[Ss]ome|[Ss]everal|[Mm]any|[Bb]oth|[Ee]ach) of the [a-z]+ of [A-Z][\w-]+(?: [A-Z][\w-]+)?|[A-Z][\w-]+(?: [A-Z][\w-]+)?) who (?:perpetrated|carried out|committed|staged) the (?:attack|bombing|shooting|massacre)`, 'g'),
};
const TW = "(?:(?:[A-Z]\\.){2,}|[\\w’'&-]+)";
const OLD_OBJECT = new RegExp(`^\\s+(?:on|of|against|at|into|inside|in front of|outside(?: of)?|through|to|in)\\s+((?:the\\s+)?(?:${TW}\\s+){0,7}?${TW}?)(?=\\s*[,.;:]|\\s+(?:in|near|on|at|which|that|who|and the|by|with|was|were|has|had|killed|leaving|during|before|after|but)\\b|$)`);

const TEXTS = [
  'The Northern Liberation Front claimed credit for the bombing. Later, the Red Dawn Brigade (RDB) later claimed responsibility.',
  'xThe Front of the People took responsibility; bathe Foo Bar accepted credit, McDonald Trump-Ay has claimed responsibility-Foo Bar claimed responsibility',
  'The Red Dawn Brigade is suspected of planting it; Free Valley Resistance were reportedly blamed. the of Foo Bar was believed',
  'One of the nephews of Magomed Omarov who perpetrated the attack; Foo-One of the sons of Ab Cd who staged the bombing; A-Bc Dd who committed the massacres',
  'The four captured terrorists were all young migrant laborers from Tajikistan, and the attackers were members of a cell; All gunmen was  \t x within Kyiv',
  `${'All\tgunmen was \0'.repeat(60)}. The attackers were reportedly   local men; these suspects were supporters of the Front, those bombers were ,`,
  `${'Ay '.repeat(200)}claimed nothing. ${'O-'.repeat(300)}Ab who carried out the shooting, ${'T\tAy'.repeat(100)} is suspected`,
];

const all = (re: Pick<RegExp, 'lastIndex' | 'exec'>, s: string, from: number): string => {
  const out: string[] = [];
  re.lastIndex = from;
  for (let m = re.exec(s); m; m = re.exec(s)) out.push(JSON.stringify([m.index, ...m]));
  return `${out.join(' ')} / ${re.lastIndex}`;
};

test('the group, "the attackers were" and "who perpetrated" rules match what their old patterns matched, from any lastIndex', () => {
  const rules = [...GROUP_RULES, ...PERP_RULES].filter((r) => OLD[r.name]);
  assert.equal(rules.length, 4);
  for (const r of rules) {
    for (const s of TEXTS) for (let from = 0; from <= s.length; from += s.length > 300 ? 7 : 1) assert.equal(all(r.pattern, s, from), all(OLD[r.name]!, s, from), `${r.name} on ${JSON.stringify(s.slice(0, 50))} from ${from}`);
  }
});

/**
 * The attack strings' blank runs, in pairs. Any run longer than the pattern's few fixed blanks shows
 * whether a run is taken whole or less one blank; 400 pairs do, and the old pattern, which is
 * polynomial in the run, reads them in 6–8 ms instead of the 2 s it took for recheck’s 2 000.
 */
const BLANK_RUN = 400;

test('the object after an incident word: the same match and group as the old pattern, blank runs split or not', () => {
  const texts = [' on the Kerch Bridge.', ' of the Nord Stream gas pipeline in the Baltic', ' at  a factory   in Kursk', ' into the house of   ', ' in front of the R.O.T.C.   building    which', ' on   in the city', ' on   in @', ' on the   in Kyiv', ' on the house  , and', ' in ' + '\t '.repeat(BLANK_RUN) + '\0', '\ton the\t' + '  '.repeat(BLANK_RUN) + '\0 th', ' to a b c d e f g h i j  near'];
  const show = (m: RegExpExecArray | null): string => JSON.stringify(m && [m.index, ...m]);
  for (const s of texts) assert.equal(show(OBJECT_AFTER_TRIGGER.exec(s)), show(OLD_OBJECT.exec(s)), JSON.stringify(s.slice(0, 40)));
  // Nothing fits after the whole run: the run less its last blank, then "in", ends an empty object.
  assert.equal(OBJECT_AFTER_TRIGGER.exec(' on   in @')![0], ' on  ');
});
