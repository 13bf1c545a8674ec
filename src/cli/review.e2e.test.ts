import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../testing/cli.js';
import { REVIEW_TEXTS } from '../testing/review-texts.js';
import { openStore } from '../store/index.js';

/**
 * `dossier review`, `history`, `token`, and what `show`, `incidents` and `export` make of a review,
 * end to end through the binary's own error mapping (src/testing/cli.ts), on reports we wrote.
 */
let dir: string;
let db: string;
let bombing: number;
let other: number;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dossier-review-cli-'));
  db = join(dir, 'review.db');
  mkdirSync(join(dir, 'in'));
  for (const k of ['a', 'b', 'other'] as const) writeFileSync(join(dir, 'in', `${k}.txt`), REVIEW_TEXTS[k]);
  const r = await runCli('ingest', join(dir, 'in'), '--db', db);
  assert.equal(r.code, 0, r.err);
  const s = await openStore(db, { readonly: true });
  const list = await s.listIncidents();
  await s.close();
  bombing = list.find((i) => i.reports.length === 2)!.id;
  other = list.find((i) => i.reports.length === 1)!.id;
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('review --set corrects a value: show, incidents, history and every export carry it, marked reviewed', async () => {
  const r = await runCli('review', String(bombing), '--db', db, '--set', 'killed=13', '--reason', 'hospital count', '--by', 'alice');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /#1 .* alice .*corrected killed: 12 → 13 {2}— hospital count/);
  const show = await runCli('show', String(bombing), '--db', db);
  assert.match(show.out, /killed \(all, nkill\)\s+13 {2}✓ reviewed: corrected by alice on \d{4}-\d\d-\d\d — hospital count \(automatic: 12\)/);
  const list = await runCli('incidents', '--db', db);
  assert.match(list.out, new RegExp(`^${bombing} ✓ .* 13 `, 'm'));
  const hist = await runCli('history', String(bombing), '--db', db, '--json');
  assert.deepEqual(JSON.parse(hist.out).records.map((x: { action: unknown }) => x.action), [{ kind: 'correct', field: 'killed', value: 13 }]);
  const gtd = (await runCli('export', '--format', 'gtd', '--db', db)).out.trim().split('\n').map(csvCells);
  const head = gtd[0]!;
  const row = gtd.find((c) => c[head.indexOf('reviewed')] === '1')!;
  assert.equal(row[head.indexOf('nkill')], '13');
  const acled = (await runCli('export', '--format', 'acled', '--db', db)).out.trim().split('\n');
  assert.ok(acled[0]!.endsWith(',reviewed'));
  assert.equal(acled.filter((l) => l.endsWith(',1')).length, 1);
  const jsonl = (await runCli('export', '--format', 'jsonl', '--db', db)).out.trim().split('\n').map((l) => JSON.parse(l));
  const rec = jsonl.find((x) => x.incident_id === bombing);
  assert.deepEqual([rec.reviewed, rec.headline.killedTotal.value, rec.review.fields.killed.actor], [true, 13, 'alice']);
  assert.equal(jsonl.find((x) => x.incident_id === other).reviewed, false);
  const plover = (await runCli('export', '--format', 'plover', '--db', db)).out.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(plover.filter((p) => p.reviewed).map((p) => [p.id, p.size.dead]), [[`dossier-${bombing}`, 13]]);
});

test('review: the other actions, with evidence by a short document id; undo; not-incident leaves listings', async () => {
  const s = await openStore(db, { readonly: true });
  const inc = (await s.getIncident(bombing))!;
  await s.close();
  const shortDoc = inc.reports[0]!.docId.slice(0, 16);
  const ev = await runCli('review', String(bombing), '--db', db, '--set', 'location=Jalalabad city', '--evidence', `${shortDoc}:46-55`, '--reason', 'the city, not the district', '--json');
  assert.equal(ev.code, 0, ev.err);
  assert.equal(JSON.parse(ev.out).action.evidence[0].docId, inc.reports[0]!.docId, 'the prefix is completed to the full id');
  assert.equal((await runCli('review', String(bombing), '--db', db, '--accept', 'date')).code, 0);
  const note = await runCli('review', String(bombing), '--db', db, '--note', 'toll still rising', '--json');
  assert.match((await runCli('show', String(bombing), '--db', db)).out, /note by cli:\S+ on .*: toll still rising/);
  assert.equal((await runCli('review', String(bombing), '--db', db, '--undo', String(JSON.parse(note.out).id))).code, 0);
  const hist = await runCli('history', String(bombing), '--db', db);
  assert.match(hist.out, /note: toll still rising {2}\(undone by #\d+\)/);
  assert.doesNotMatch((await runCli('show', String(bombing), '--db', db)).out, /toll still rising/);
  assert.equal((await runCli('review', String(other), '--db', db, '--not-incident', '--reason', 'a drill')).code, 0);
  assert.doesNotMatch((await runCli('incidents', '--db', db)).out, new RegExp(`^${other} `, 'm'));
  assert.match((await runCli('show', String(other), '--db', db)).out, /NOT AN INCIDENT/);
});

test('review --merge and --split through the CLI; a merged id redirects in history', async () => {
  const m = await runCli('review', String(bombing), '--db', db, '--merge', String(other), '--reason', 'same event');
  assert.equal(m.code, 0, m.err);
  assert.match((await runCli('history', String(other), '--db', db)).out, new RegExp(`merged into incident ${bombing}`));
  const again = await runCli('review', String(other), '--db', db, '--note', 'x');
  assert.equal(again.code, 3);
  assert.match(again.err, new RegExp(`merged into incident ${bombing}: use ${bombing}`));
  const s = await openStore(db, { readonly: true });
  const moved = (await s.getIncident(bombing))!.reports.find((r) => r.killedTotal?.value.value === 3)!;
  await s.close();
  const sp = await runCli('review', String(bombing), '--db', db, '--split', moved.id, '--reason', 'a different attack');
  assert.equal(sp.code, 0, sp.err);
  assert.match(sp.out, new RegExp(`split report ${moved.id} out into incident \\d+`));
});

test('tokens: create prints the token once, list shows no secret, revoke', async () => {
  const c = await runCli('token', 'create', '--role', 'reviewer', '--name', 'alice', '--db', db);
  assert.equal(c.code, 0, c.err);
  const token = c.out.trim();
  assert.match(token, /^dsr_/);
  assert.match(c.err, /shown this once/);
  const list = await runCli('token', 'list', '--db', db, '--json');
  assert.ok(!list.out.includes(token.slice(4)), 'the list never shows the token');
  assert.deepEqual(JSON.parse(list.out).map((t: { name: string; role: string }) => [t.name, t.role]), [['alice', 'reviewer']]);
  assert.equal((await runCli('token', 'revoke', 'alice', '--db', db)).code, 0);
  const s = await openStore(db, { readonly: true });
  assert.equal(await s.verifyToken(token), null, 'a revoked token is refused');
  await s.close();
  assert.equal((await runCli('token', 'revoke', 'alice', '--db', db)).code, 3);
});

test('negative cases: clear usage errors that name what is wrong, and the right exit codes', async () => {
  const cases: [string[], number, RegExp][] = [
    [['review', String(bombing), '--set', 'weather=rain', '--reason', 'x'], 2, /unknown field "weather"/],
    [['review', String(bombing), '--set', 'killed=many', '--reason', 'x'], 2, /killed takes a whole number from 0, not "many"/],
    [['review', String(bombing), '--set', 'killed=3'], 2, /--set needs --reason/],
    [['review', String(bombing), '--accept', 'date', '--note', 'x'], 2, /one action at a time, not --accept and --note/],
    [['review', String(bombing)], 2, /review needs an action/],
    [['review', 'abc', '--note', 'x'], 2, /the incident ID must be a numeric id, not "abc"/],
    [['review', '9999', '--note', 'x'], 3, /no incident with ID 9999/],
    [['review', String(bombing), '--undo', '9999'], 3, /no review record with ID 9999/],
    [['review', String(bombing), '--set', 'killed=3', '--reason', 'x', '--evidence', 'nonsense'], 2, /--evidence takes DOC:START-END/],
    [['review', String(bombing), '--reject-report', 'nope:0'], 3, /report nope:0 is not a report of incident/],
    [['history', '9999'], 3, /no incident with ID 9999/],
    [['token', 'create', '--role', 'root', '--name', 'x'], 2, /--role reader\|reviewer\|admin, not "root"/],
    [['token', 'create', '--role', 'reader'], 2, /needs --name/],
    [['token', 'frobnicate'], 2, /unknown token command "frobnicate"/],
  ];
  for (const [args, code, err] of cases) {
    const r = await runCli(...args, '--db', db);
    assert.equal(r.code, code, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, err, args.join(' '));
  }
  // A record of another incident cannot be undone through this one.
  const s = await openStore(db, { readonly: true });
  const theirs = (await s.historyOf(bombing))[0]!.id;
  const ids = (await s.listIncidents()).map((i) => i.id).filter((i) => i !== bombing);
  await s.close();
  const r = await runCli('review', String(ids[0]), '--undo', String(theirs), '--db', db);
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, new RegExp(`record ${theirs} belongs to incident ${bombing}`));
  const missing = await runCli('review', '1', '--note', 'x', '--db', join(dir, 'absent.db'));
  assert.equal(missing.code, 3, 'a review never creates an empty store');
});

/** The cells of one CSV line (quoted cells may hold commas and doubled quotes). */
function csvCells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted && ch === '"' && line[i + 1] === '"') cur += line[++i];
    else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
