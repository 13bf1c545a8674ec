import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadContext } from '../pipeline/context.js';
import { annotatorAgreement, parseAnn, runPolnear } from './polnear.js';

const TEXT = 'The mayor said the bridge was closed. Police told reporters it would reopen.';

function ann(rels: [string, string, string][]): string {
  const lines: string[] = [];
  let t = 1;
  rels.forEach((r, i) => {
    const ids = ['Source', 'Cue', 'Content'].map((role, k) => {
      const [a, b] = r[k]!.split('-').map(Number);
      lines.push(`T${t}\t${role} ${a} ${b}\t${TEXT.slice(a, b)}`);
      return `${role}:T${t++}`;
    });
    lines.push(`E${i + 1}\tAttribution:T${t} ${ids.join(' ')}`);
    lines.push(`T${t++}\tAttribution ${r[1]!.replace('-', ' ')}\tx`);
  });
  return lines.join('\n') + '\n';
}

test('parseAnn reads Source, Cue and Content of each relation', () => {
  const rels = parseAnn(ann([['0-9', '10-14', '15-36']]));
  assert.equal(rels.length, 1);
  assert.deepEqual([rels[0]!.Source!.start, rels[0]!.Cue!.end, rels[0]!.Content!.end], [0, 14, 36]);
});

test('annotatorAgreement scores the second annotator against the first', () => {
  const dir = mkdtempSync(join(tmpdir(), 'polnear-'));
  try {
    mkdirSync(join(dir, 'text'));
    mkdirSync(join(dir, 'attributions'));
    writeFileSync(join(dir, 'text', 'art.txt'), TEXT);
    // Annotator a: two relations. Annotator b: the first identical, the second with "Police" only as cue-less source boundary changed.
    writeFileSync(join(dir, 'attributions', 'art_a.ann'), ann([['0-9', '10-14', '15-36'], ['38-44', '45-49', '60-75']]));
    writeFileSync(join(dir, 'attributions', 'art_b.ann'), ann([['4-9', '10-14', '15-36'], ['38-44', '45-49', '50-75']]));
    // A singly annotated article is not counted.
    writeFileSync(join(dir, 'text', 'solo.txt'), TEXT);
    writeFileSync(join(dir, 'attributions', 'solo_a.ann'), ann([['0-9', '10-14', '15-36']]));
    const a = annotatorAgreement(dir);
    assert.equal(a.articles, 1);
    assert.equal(a.counts.Cue.exact, 2);
    assert.equal(a.counts.Source.exact, 1);
    assert.equal(a.counts.Content.exact, 1);
    assert.equal(a.counts.Source.gold, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('eval --model with no model file is an error naming the file, not a rules-only score under the model\'s name', () => {
  const dir = mkdtempSync(join(tmpdir(), 'polnear-'));
  try {
    mkdirSync(join(dir, 'text'));
    mkdirSync(join(dir, 'attributions'));
    const ctx = loadContext({ attributionModel: null });
    assert.throws(() => runPolnear(dir, { model: true, ctx }), /models\/attribution\.json.*no learned attribution model/);
    assert.equal(runPolnear(dir, { ctx }).items, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
