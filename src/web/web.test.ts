import assert from 'node:assert/strict';
import { test } from 'node:test';
import { binsOf, effectiveFilters, fitSize, formatView, inRange, parseView, rangeOf, runsOf, type View } from './index.js';

test('runsOf: marks cut the text into runs that cover it once, overlaps listed on each run', () => {
  const text = 'Gunmen killed 12 people in Kano.';
  const runs = runsOf(text, [
    { start: 7, end: 23, layer: 'claim' },
    { start: 14, end: 16, layer: 'evidence' },
    { start: 27, end: 31, layer: 'place' },
  ]);
  assert.equal(runs.map((r) => r.text).join(''), text);
  assert.deepEqual(runs.map((r) => [r.text, r.marks.map((m) => m.layer).join('+')]), [
    ['Gunmen ', ''], ['killed ', 'claim'], ['12', 'claim+evidence'], [' people', 'claim'], [' in ', ''], ['Kano', 'place'], ['.', ''],
  ]);
});

test('runsOf: marks outside the text, empty or inverted are dropped; no marks is one run', () => {
  assert.deepEqual(runsOf('abc', []), [{ start: 0, end: 3, text: 'abc', marks: [] }]);
  const runs = runsOf('abc', [{ start: 2, end: 99, layer: 'x' }, { start: 5, end: 6, layer: 'y' }, { start: 2, end: 1, layer: 'z' }, { start: NaN, end: 2, layer: 'n' }]);
  assert.deepEqual(runs.map((r) => [r.text, r.marks.map((m) => m.layer)]), [['ab', []], ['c', ['x']]]);
  assert.deepEqual(runsOf('', [{ start: 0, end: 1, layer: 'x' }]), []);
});

test('runsOf keeps hostile text as text: the runs are the characters, nothing is parsed', () => {
  const text = '<img src=x onerror=alert(1)><script>alert(2)</script>';
  const runs = runsOf(text, [{ start: 5, end: 12, layer: 'evidence' }]);
  assert.equal(runs.map((r) => r.text).join(''), text);
});

test('binsOf: per day, week (Monday) and month, gaps filled, undated left out, deaths summed', () => {
  const items = [
    { date: '2024-03-22', deaths: 144 },
    { date: '2024-03-24', deaths: null },
    { date: '2024-04', deaths: 3 },
    { date: null, deaths: 50 },
    { date: 'garbage', deaths: 9 },
  ];
  const months = binsOf(items, 'month');
  assert.deepEqual(months, [
    { start: '2024-03-01', end: '2024-03-31', incidents: 2, deaths: 144 },
    { start: '2024-04-01', end: '2024-04-30', incidents: 1, deaths: 3 },
  ]);
  const weeks = binsOf(items, 'week');
  assert.equal(weeks[0]!.start, '2024-03-18'); // the Monday before Friday 22 March
  assert.equal(weeks[0]!.incidents, 2);
  assert.equal(weeks.at(-1)!.start, '2024-04-01');
  const days = binsOf(items, 'day');
  assert.equal(days.length, 11); // 22 March to 1 April
  assert.deepEqual(days[1], { start: '2024-03-23', end: '2024-03-23', incidents: 0, deaths: 0 });
  assert.deepEqual(binsOf([{ date: null, deaths: 1 }], 'day'), []);
});

test('rangeOf and inRange: a brush over bins i..j is their first to last day, either direction', () => {
  const bins = binsOf([{ date: '2024-01-05', deaths: 1 }, { date: '2024-03-05', deaths: 1 }], 'month');
  assert.deepEqual(rangeOf(bins, 2, 1), ['2024-02-01', '2024-03-31']);
  assert.deepEqual(rangeOf(bins, -5, 99), ['2024-01-01', '2024-03-31']);
  assert.equal(rangeOf([], 0, 1), null);
  assert.equal(inRange(bins[0]!, ['2024-02-01', '2024-03-31']), false);
  assert.equal(inRange(bins[1]!, ['2024-02-01', '2024-03-31']), true);
  assert.equal(inRange(bins[0]!, undefined), true);
});

test('fitSize picks days for a short span and coarser bins for long ones', () => {
  assert.equal(fitSize([{ date: '2024-01-01', deaths: 0 }, { date: '2024-02-01', deaths: 0 }]), 'day');
  assert.equal(fitSize([{ date: '2020-01-01', deaths: 0 }, { date: '2024-02-01', deaths: 0 }]), 'week');
  assert.equal(fitSize([{ date: '1990-01-01', deaths: 0 }, { date: '2024-02-01', deaths: 0 }]), 'month');
  assert.equal(fitSize([]), 'month');
});

test('the URL holds the view: parse and format are inverses', () => {
  const views: View[] = [
    { route: { name: 'explore' }, explore: { filters: {}, inView: false } },
    {
      route: { name: 'explore' },
      explore: {
        filters: { country: 'RU', type: 'bombing', actor: 'isis', q: 'concert hall', from: '2024-01', to: '2024-12-31', reviewed: 'no', conflicts: true },
        brush: ['2024-03-01', '2024-03-31'], bin: 'week', map: { lon: 37.6, lat: 55.75, zoom: 4.5 }, inView: true, bbox: [30, 50, 45, 60], pane: 'map',
      },
    },
    { route: { name: 'incident', id: 12, field: 'killed', doc: 'ab'.repeat(32), spans: [[10, 20], [30, 41]] }, explore: { filters: { country: 'FR' }, inView: false } },
    { route: { name: 'document', id: 'cd'.repeat(32), layers: ['claims', 'quotes'] }, explore: { filters: {}, inView: false } },
    { route: { name: 'entities', type: 'ORG' }, explore: { filters: {}, inView: false } },
    { route: { name: 'entity', id: 3 }, explore: { filters: {}, inView: false } },
    { route: { name: 'claims', source: 'Lavrov', kind: 'denial' }, explore: { filters: {}, inView: false } },
    { route: { name: 'login' }, explore: { filters: {}, inView: false } },
  ];
  for (const v of views) {
    const url = new URL(formatView(v), 'http://x');
    assert.deepEqual(parseView(url.pathname, url.search), v, formatView(v));
  }
});

test('parseView drops what it does not trust: bad dates, ids, spans, boxes and unknown pages', () => {
  const v = parseView('/incidents/12', '?from=yesterday&to=2024-02-30x&bin=year&map=1,200,3&bbox=1,2,3&span=9-3,a-b,5-7&doc=../../etc&inview=yes&reviewed=maybe');
  assert.deepEqual(v.route, { name: 'incident', id: 12, spans: [[5, 7]] });
  assert.deepEqual(v.explore, { filters: {}, inView: false });
  assert.deepEqual(parseView('/incidents/12x', '').route, { name: 'not-found', path: '/incidents/12x' });
  assert.deepEqual(parseView('/documents/<script>', '').route, { name: 'not-found', path: '/documents/<script>' });
  assert.deepEqual(parseView('/nowhere', '').route, { name: 'not-found', path: '/nowhere' });
});

test('effectiveFilters: the brush narrows the date facet, and the map box applies only when asked', () => {
  const e = { filters: { from: '2024-03-10', country: 'RU' }, brush: ['2024-03-01', '2024-03-31'] as [string, string], inView: false, bbox: [1, 2, 3, 4] as [number, number, number, number] };
  assert.deepEqual(effectiveFilters(e), { country: 'RU', from: '2024-03-10', to: '2024-03-31' });
  assert.deepEqual(effectiveFilters({ ...e, inView: true }).bbox, [1, 2, 3, 4]);
});
