import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ceafRole, maxAssignment, normalizeMention, scoreCeafRee } from './ceaf.js';
import { clusterFillers, goldEntities, namesForces, namesNoWeapon, readMucFile } from './muc4.js';

test('normalizeMention follows GRIT: lower-case, no punctuation, no articles, single spaces', () => {
  assert.equal(normalizeMention('  The "Santo Tomas"  Farm '), 'santo tomas farm');
  assert.equal(normalizeMention('a bomb'), 'bomb');
  assert.equal(normalizeMention('members of the fmln'), 'members of fmln');
  assert.equal(normalizeMention('the'), '');
});

test('maxAssignment finds the optimal one-to-one assignment, not the greedy one', () => {
  // Greedy would take (0,0) = 1 and leave row 1 with nothing; optimal is (0,1) + (1,0) = 2.
  const r = maxAssignment([
    [1, 1],
    [1, 0],
  ]);
  assert.equal(r.total, 2);
  assert.deepEqual(r.rowToCol, [1, 0]);
  // Rectangular, more columns than rows and vice versa.
  assert.equal(maxAssignment([[0, 0, 1]]).total, 1);
  assert.equal(maxAssignment([[0], [0], [1]]).total, 1);
  assert.equal(maxAssignment([]).total, 0);
  // Weighted: 3 + 3 beats 4 + 1.
  assert.equal(maxAssignment([
    [4, 3],
    [3, 1],
  ]).total, 6);
});

test('perfect match: every predicted entity matches its gold entity', () => {
  const gold = [['guerrillas', 'guerrilla column'], ['urng']];
  const c = ceafRole(gold, [['guerrillas'], ['URNG']]);
  assert.deepEqual(c, { matched: 2, predicted: 2, gold: 2 });
});

test('partial: one of two gold entities found', () => {
  const s = scoreCeafRee({ d1: { Target: [['farm'], ['tank truck', 'truck']] } }, { d1: { Target: [['truck']] } });
  assert.equal(s.roles.Target.precision, 1);
  assert.equal(s.roles.Target.recall, 0.5);
  assert.ok(Math.abs(s.roles.Target.f1 - 2 / 3) < 1e-9);
});

test('a predicted entity with a mention outside the gold cluster scores 0 (phi_strict)', () => {
  const c = ceafRole([['guerrillas', 'guerrilla column']], [['guerrillas', 'soldiers']]);
  assert.deepEqual(c, { matched: 0, predicted: 1, gold: 1 });
  // A subset of the gold mentions is enough.
  assert.equal(ceafRole([['guerrillas', 'guerrilla column']], [['guerrilla column']]).matched, 1);
});

test('more predictions than gold: each gold entity is matched once', () => {
  // Two predicted entities both fit the one gold entity; only one may be aligned.
  const s = scoreCeafRee({ d1: { PerpInd: [['guerrillas', 'rebels']] } }, { d1: { PerpInd: [['guerrillas'], ['rebels'], ['soldiers']] } });
  assert.equal(s.roles.PerpInd.matched, 1);
  assert.ok(Math.abs(s.roles.PerpInd.precision - 1 / 3) < 1e-9);
  assert.equal(s.roles.PerpInd.recall, 1);
});

test('empty gold and empty predictions score 0 without dividing by zero; micro sums counts over roles and docs', () => {
  const empty = scoreCeafRee({ d1: {} }, {});
  assert.deepEqual([empty.micro.precision, empty.micro.recall, empty.micro.f1], [0, 0, 0]);
  const s = scoreCeafRee(
    { d1: { Weapon: [['bomb']], Victim: [['cerezo']] }, d2: { Weapon: [] } },
    { d1: { Weapon: [['a bomb']] }, d2: { Weapon: [['rifle']] }, d3: { Weapon: [['ignored: not a gold document']] } },
  );
  assert.equal(s.micro.matched, 1);
  assert.equal(s.micro.predicted, 2);
  assert.equal(s.micro.gold, 2);
  assert.equal(s.micro.f1, 0.5);
  // Empty gold entities are dropped, as GRIT's loader does.
  assert.equal(ceafRole([[]], [['x']]).gold, 0);
});

test('predicted fillers cluster by equal or contained normalised strings, one mention per entity', () => {
  const e = clusterFillers(
    [
      { role: 'PerpOrg', text: 'the fmln', start: 10 },
      { role: 'PerpOrg', text: 'fmln', start: 50 },
      { role: 'PerpOrg', text: 'urng', start: 90 },
      { role: 'Weapon', text: 'bombs', start: 5 },
    ],
    'one',
  );
  assert.deepEqual(e.PerpOrg, [['the fmln'], ['urng']]);
  assert.deepEqual(e.Weapon, [['bombs']]);
  assert.deepEqual(e.Victim, []);
  assert.deepEqual(clusterFillers([{ role: 'Target', text: 'farm', start: 0 }, { role: 'Target', text: 'presidential farm', start: 9 }], 'all').Target, [['farm', 'presidential farm']]);
});

test('readMucFile and goldEntities read the {docid, doctext, extracts} format', () => {
  const dir = mkdtempSync(join(tmpdir(), 'muc4-'));
  try {
    const f = join(dir, 'x.jsonl');
    writeFileSync(f, `${JSON.stringify({ docid: 'D1', doctext: 'guerrillas attacked the farm.', extracts: { PerpInd: [[['guerrillas', 0]]], Target: [[['farm', 24]]], Weapon: [[]] } })}\n`);
    const [d] = readMucFile(f);
    assert.equal(d!.docid, 'D1');
    const g = goldEntities(d!);
    assert.deepEqual(g.PerpInd, [['guerrillas']]);
    assert.deepEqual(g.Weapon, []);
    assert.deepEqual(g.Victim, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('MUC-4 fillers: forces are out of its scope, and an event noun names no weapon', () => {
  assert.equal(namesForces('four treasury police officers'), true);
  assert.equal(namesForces('five venezuelan soldiers'), true);
  assert.equal(namesForces('the presidential farm'), false);
  assert.equal(namesNoWeapon('an explosion'), true);
  assert.equal(namesNoWeapon('opened fire'), true);
  assert.equal(namesNoWeapon('dynamite'), false);
  assert.equal(namesNoWeapon('a car bomb'), false);
});
