import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detectEvent, detectorModelPath, EVENT_THRESHOLD, loadDetectorModel } from './detector.js';
import { cueFeatures, cuesOfWord, textCues } from './detector-features.js';
import { balanceClasses, EVENT_LIKE } from './detector-corpus.js';
import { lcg } from '../testing/shuffle.js';

/** models/event-detector.json, read once for the file's tests. */
const MODEL = loadDetectorModel();

// Written for these tests in our own words; none is in a training file.
const EVENTS = [
  'Gunmen on motorbikes shot dead four traders at a cattle market on Thursday, police said.',
  'Riot police fired tear gas at hundreds of students who were marching towards the presidential palace.',
  'A bomb hidden in a handcart exploded near a bus stop, wounding nine commuters.',
  'Soldiers and militia fighters exchanged fire for three hours outside the town, leaving six dead.',
  'Dockworkers walked off the job and rallied outside the port authority to demand a pay rise.',
  'Kidnappers seized a priest from his parish house late on Sunday night.',
];

const NOT_EVENTS = [
  'Attacks of this kind may become more frequent as the rainy season ends, analysts cautioned.',
  'The finance minister will present the new budget to parliament next week.',
  'Our party has always stood for dialogue, and we will continue to do so.',
  'Decades of neglect have left the northern provinces poorer than the rest of the country.',
  'Do voters really care about foreign policy?',
  'The senator is widely expected to announce a run for governor in the spring.',
];

const root = fileURLToPath(new URL('../../../', import.meta.url));
const JSON_EXT = /\.json$/;
const SHA256 = /^[0-9a-f]{64}$/;
const NO_MODEL = /no trained model/;

test('the event detector model is in the repository with its meta record', () => {
  const path = detectorModelPath();
  assert.ok(existsSync(path), `${path} should exist`);
  const metaPath = path.replace(JSON_EXT, '.meta.json');
  assert.ok(existsSync(metaPath), `${metaPath} should exist beside the model`);
  const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as { task: string; files: { path: string; sha256: string }[]; counts: Record<string, number>; settings: unknown; threshold: number };
  assert.equal(meta.task, 'event-detector');
  assert.ok(meta.files.length >= 3 && meta.files.every((f) => SHA256.test(f.sha256)));
  assert.ok((meta.counts.total ?? 0) > 0 && meta.settings);
  assert.equal(meta.threshold, EVENT_THRESHOLD, 'EVENT_THRESHOLD must be the threshold the training run chose by cross-validation');
  const m = MODEL;
  assert.ok(m);
  assert.deepEqual(m.labels, ['other', 'event']);
});

test('every committed model has its meta record', () => {
  for (const name of ['events', 'event-detector']) {
    assert.ok(existsSync(`${root}models/${name}.json`), `models/${name}.json`);
    assert.ok(existsSync(`${root}models/${name}.meta.json`), `models/${name}.meta.json must sit beside models/${name}.json`);
  }
});

for (const text of EVENTS) {
  test(`detects an event: ${text.slice(0, 50)}…`, () => {
    const d = detectEvent(text, MODEL);
    assert.equal(d.isEvent, true, `${d.score} ${d.reason}`);
    assert.ok(d.score >= EVENT_THRESHOLD && d.score <= 1);
    assert.ok(d.reason.length > 0);
  });
}

for (const text of NOT_EVENTS) {
  test(`negative: not an event: ${text.slice(0, 50)}…`, () => {
    const d = detectEvent(text, MODEL);
    assert.equal(d.isEvent, false, `${d.score} ${d.reason}`);
    assert.ok(d.score >= 0 && d.score < EVENT_THRESHOLD);
  });
}

test('without a model the detector falls back to rules and says so', () => {
  const yes = detectEvent('Gunmen opened fire on a minibus and killed five passengers.', null);
  assert.equal(yes.isEvent, true);
  assert.match(yes.reason, NO_MODEL);
  assert.equal(detectEvent('Gunmen could attack the town again, residents fear.', null).isEvent, false);
  assert.equal(detectEvent('The budget debate resumes on Monday.', null).isEvent, false);
});

test('cue features see tense, modality, person and questions', () => {
  assert.ok(cueFeatures('Militants attacked the camp.').includes('d:past'));
  assert.ok(cueFeatures('Militants attacked the camp.').includes('p:attack'));
  assert.ok(cueFeatures('Militants could attack the camp.').includes('d:modal'));
  assert.ok(cueFeatures('Militants could attack the camp.').includes('d:no-past'));
  assert.ok(cueFeatures('We condemn it.').includes('d:first-person'));
  assert.ok(cueFeatures('Is the war over?').includes('d:question'));
});

/**
 * cueFeatures as it was written before issue 11, its words read by a regular expression and each
 * word's cues worked out anew: the reference for reading words off the characters and keeping each
 * word's cues. The cues of a word and of a text are the module's own (cuesOfWord, textCues).
 */
function referenceCues(text: string): string[] {
  const WORDS = /[A-Za-z][A-Za-z'-]*[A-Za-z]/g;
  const out = new Set<string>();
  let n = 0;
  for (const m of text.matchAll(WORDS)) {
    n++;
    for (const c of cuesOfWord(m[0].toLowerCase())) out.add(c);
  }
  out.add(`d:${n <= 6 ? 'len:short' : n <= 15 ? 'len:mid' : n <= 35 ? 'len:long' : 'len:very-long'}`);
  if (!out.has('d:past')) out.add('d:no-past');
  for (const c of textCues(text)) out.add(c);
  return [...out];
}

test('cueFeatures gives the reference cues, in the same order (words read off the characters, cues kept per word)', () => {
  const dir = fileURLToPath(new URL('../../../samples/', import.meta.url));
  const docs = readdirSync(dir).map((f) => readFileSync(`${dir}${f}`, 'utf8'));
  const texts = [...docs, ...docs.flatMap((d) => d.split(/(?<=[.!?])\s+/)), '', 'a', "We'd Shelled it-- 'Attacked' x-ray a- -b 12ed 3,000.5killed. Could you?", "''"];
  // Strings over letters, cue words and the characters the word pattern treats specially, from a fixed sequence.
  const parts = ['a', 'Z', 'q', '0', '9', '.', ',', "'", '-', ' ', '?', '"', 'ed', 'ing', 'shot', 'We', 'could', 'You', 'never', 'if', 'ATTACKED'];
  const next = lcg(11);
  for (let k = 0; k < 600; k++) {
    let s = '';
    for (let i = 0; i < 25; i++) s += parts[next() % parts.length];
    texts.push(s);
  }
  // Twice: the second time every word's cues come from the cache.
  for (const pass of [1, 2]) for (const t of texts) assert.deepEqual(cueFeatures(t), referenceCues(t), `${pass}: ${JSON.stringify(t.slice(0, 80))}`);
});

test('event-like PolNeAR filter: past-tense violence, not talk about it', () => {
  assert.ok(EVENT_LIKE.test('The gunman was killed in an exchange of fire with police.'));
  assert.equal(EVENT_LIKE.test('The candidate promised to be tough on terrorism.'), false);
});

test('class balancing gives positives and negatives the same total weight', () => {
  const xs = balanceClasses([
    { text: 'a', gold: true, weight: 1, kind: 'acled-first', group: 'g' },
    { text: 'b', gold: true, weight: 1, kind: 'acled-first', group: 'g' },
    { text: 'c', gold: true, weight: 2, kind: 'acled-first', group: 'g' },
    { text: 'd', gold: false, weight: 1, kind: 'polnear', group: 'h' },
  ]);
  const pos = xs.filter((x) => x.gold).reduce((a, x) => a + x.weight, 0);
  const neg = xs.filter((x) => !x.gold).reduce((a, x) => a + x.weight, 0);
  assert.ok(Math.abs(pos - neg) < 1e-9);
});
