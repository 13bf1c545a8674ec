/**
 * Micro-benchmark of the role tagger alone (not a test):
 *
 *   node dist/src/nlp/roles/microbench.js [FILE.jsonl] [--docs N] [--rounds R] [--check] [--reference]
 *
 * Splits the documents' sentences first (not timed), then times `findRoles`
 * (tokenising, features, emissions, Viterbi, spans) over all of them, R
 * rounds after one warm-up round, and prints µs per token for the best and
 * the median round. Default file: ../shared/eval/muc4/train.jsonl, 500
 * documents, 7 rounds. `--reference` times the string-feature reference path
 * (`findRolesReference`) instead; `--check` first checks that `findRoles`
 * and the reference give the same spans (text, role, confidence, margin) on
 * every document, and exits 1 if not.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { splitSentences } from '../sentences.js';
import { findRoles, findRolesReference, loadRoleTagger, lowerSameLength, sentenceTokens } from './index.js';
import { isDeepStrictEqual } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

function main(): void {
  const { values, positionals } = parseArgs({ options: { docs: { type: 'string', default: '500' }, rounds: { type: 'string', default: '7' }, check: { type: 'boolean', default: false }, reference: { type: 'boolean', default: false } }, allowPositionals: true });
  const file = positionals[0] ?? resolve(ROOT, '..', 'shared', 'eval', 'muc4', 'train.jsonl');
  const docs = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .slice(0, Number(values.docs))
    .map((l) => (JSON.parse(l) as { doctext: string }).doctext);
  const inputs = docs.map((text) => ({ text, sentences: splitSentences({ text }) }));
  let tokens = 0;
  for (const { text, sentences } of inputs) {
    const lower = lowerSameLength(text);
    for (const s of sentences) tokens += sentenceTokens(lower, s.start, s.end).tokens.length;
  }
  const tagger = loadRoleTagger();
  if (!tagger) throw new Error('no models/roles.json');
  if (values.check) {
    let bad = 0;
    let spans = 0;
    for (const { text, sentences } of inputs) {
      const a = findRoles(text, sentences, tagger);
      const b = findRolesReference(text, sentences, tagger);
      spans += b.length;
      if (!isDeepStrictEqual(a, b)) bad++;
    }
    process.stdout.write(`check: ${inputs.length - bad} of ${inputs.length} documents identical to the reference (${spans} reference spans)\n`);
    if (bad) process.exit(1);
  }
  const find = values.reference ? findRolesReference : findRoles;
  let spans = 0;
  const round = (): number => {
    const t0 = process.hrtime.bigint();
    spans = 0;
    for (const { text, sentences } of inputs) spans += find(text, sentences, tagger).length;
    return Number(process.hrtime.bigint() - t0) / 1e3;
  };
  round();
  const times: number[] = [];
  for (let r = 0; r < Number(values.rounds); r++) times.push(round());
  times.sort((a, b) => a - b);
  const us = (t: number): string => (t / tokens).toFixed(2);
  process.stdout.write(`${docs.length} docs, ${tokens} tokens, ${spans} spans; ${values.reference ? 'findRolesReference' : 'findRoles'} µs/token: best ${us(times[0]!)}, median ${us(times[times.length >> 1]!)}, worst ${us(times[times.length - 1]!)}\n`);
}

main();
