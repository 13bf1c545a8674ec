import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { scoreMerge } from './merge.js';

// data/merge-corpus is ours (35 reports in our own words on 10 real incidents), committed with the project.
const CORPUS = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', 'data', 'merge-corpus');

test('merge corpus: B-cubed precision and recall at least 0.95 in either order, and the order changes nothing', { skip: !existsSync(CORPUS) && 'data/merge-corpus missing' }, async () => {
  const res = await scoreMerge(CORPUS);
  const row = (name: string) => {
    const r = res.rows.find((x) => x.name === name) ?? (res.overall.name === name ? res.overall : undefined);
    assert.ok(r, `row ${name}`);
    return r;
  };
  for (const name of ['b-cubed (given order)', 'b-cubed (reverse order)']) {
    const r = row(name);
    assert.ok(r.precision! >= 0.95, `${name}: precision ${r.precision}`);
    assert.ok(r.recall! >= 0.95, `${name}: recall ${r.recall}`);
  }
  const order = row('given vs reverse order (b-cubed)');
  assert.equal(order.f1, 1, 'the clustering does not depend on arrival order');
  assert.equal(row('reposts placed with their original').accuracy, 1);
});
