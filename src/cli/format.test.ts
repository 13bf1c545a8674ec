import assert from 'node:assert/strict';
import { test } from 'node:test';
import { columnWidths, fitTable, INCIDENT_COLUMNS } from './format.js';

/** Rows as `dossier incidents` makes them: id, date, type, place, killed, injured, sources, label. */
const ROWS = [
  ['1 ✓', '2021-08-26', 'suicide bombing', 'Abbey Gate of Kabul airport, Kabul, AF', '171', '150', '3', 'suicide bombing — Abbey Gate of Kabul airport — Afghanistan'],
  ['12', '2024-03-22', 'armed assault', 'Krasnogorsk, Moscow Oblast, RU', '145', '551', '12', 'armed assault — Crocus City Hall concert venue — Krasnogorsk, Russia'],
  ['113', '2024-06', 'bombing', 'near Derbent, Dagestan, RU', '22', '', '1', 'coordinated attacks on churches and synagogues in Derbent and Makhachkala'],
];

const cells = (line: string): string[] => line.split(/ {2,}/);

test('at 80 columns: every heading and figure whole, the source and label columns kept, no line past 80', () => {
  const t = fitTable(INCIDENT_COLUMNS, ROWS, 80);
  const lines = t.split('\n');
  for (const l of lines) assert.ok(Array.from(l).length <= 80, `${Array.from(l).length}: ${l}`);
  assert.match(lines[0]!, /^ID +DATE +TYPE +PLACE +KILLED +INJURED +SRC +LABEL$/);
  // Figures are never shortened, and stay right-aligned under their headings.
  for (const [i, row] of ROWS.entries()) {
    const l = lines[i + 1]!;
    for (const fig of [row[4]!, row[5]!, row[6]!].filter(Boolean)) assert.match(l, new RegExp(` ${fig}( |$)`), l);
    assert.ok(l.includes(row[1]!), 'the date whole');
    assert.ok(l.startsWith(row[0]!), 'the id whole');
  }
  const killedEnd = lines[0]!.indexOf('KILLED') + 'KILLED'.length;
  assert.equal(lines[1]!.indexOf('171') + 3, killedEnd, 'right-aligned');
  // The free text gave way, with a mark where it was cut.
  assert.match(t, /…/);
  assert.ok(cells(lines[1]!).at(-1)!.length >= 10, 'the label keeps some words');
});

test('at 200 columns, and piped (no limit): every cell whole, nothing cut', () => {
  for (const width of [200, Infinity]) {
    const t = fitTable(INCIDENT_COLUMNS, ROWS, width);
    assert.doesNotMatch(t, /…/);
    for (const row of ROWS) for (const c of row) assert.ok(t.includes(c), `${width}: ${c}`);
  }
  assert.deepEqual(columnWidths(INCIDENT_COLUMNS, ROWS, 200), columnWidths(INCIDENT_COLUMNS, ROWS, Infinity));
});

test('the free text gives way, the label keeping twice the room of the place and type, each down to its minimum; too narrow a terminal keeps the figures whole', () => {
  const natural = columnWidths(INCIDENT_COLUMNS, ROWS, Infinity);
  const at120 = columnWidths(INCIDENT_COLUMNS, ROWS, 120);
  assert.ok(at120[7]! < natural[7]!, 'the label shrank');
  assert.ok(at120[3]! < natural[3]!, 'the place shrank');
  assert.equal(at120.reduce((x, y) => x + y, 0) + 2 * 7, 120);
  assert.ok(Math.abs(at120[7]! - 2 * at120[3]!) <= 2, `the label twice the place: ${at120[7]} vs ${at120[3]}`);
  assert.equal(at120[2], natural[2], 'the type, already short, kept whole');
  assert.deepEqual([at120[0], at120[1], at120[4], at120[5], at120[6]], [natural[0], natural[1], natural[4], natural[5], natural[6]]);
  const at30 = columnWidths(INCIDENT_COLUMNS, ROWS, 30);
  assert.deepEqual([at30[2], at30[3], at30[7]], [8, 10, 12], 'free text at its minimum');
  assert.deepEqual([at30[4], at30[5], at30[6]], [6, 7, 3], 'figure columns as wide as their headings');
  const narrow = fitTable(INCIDENT_COLUMNS, ROWS, 30).split('\n');
  assert.match(narrow[1]!, / 171 +150 +3 /);
});
