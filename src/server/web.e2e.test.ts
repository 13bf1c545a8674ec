import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserUnavailable, demoServer, launchBrowser, selectWords, watchedPage, WEB_DIR, type DemoServer, type Watch } from '../testing/browser.js';
import { startServer } from './index.js';

/**
 * The workbench in a real browser (issue 12): Debian's Chromium through playwright-core, against a
 * real `dossier serve` on 127.0.0.1 over the demo reports and a hostile one. Every page is watched:
 * a dialog, a request to another host, a CSP refusal or an uncaught error fails the test.
 */

type Json = Record<string, any>;

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else if (ch !== '\r') field += ch;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

const skip = browserUnavailable();

describe('the web app in Chromium', { skip: skip ?? false, timeout: 300_000 }, () => {
  let demo: DemoServer;
  let browser: Browser;
  const watches: Watch[] = [];

  before(async () => {
    demo = await demoServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });
  // Each test's pages are closed when it ends: left open, every page kept its map's WebGL context
  // and its timers alive in the one browser until the last test.
  afterEach(async () => {
    for (const w of watches.splice(0)) await w.context.close();
  });

  async function open(path: string, viewport?: { width: number; height: number }): Promise<Watch> {
    const w = await watchedPage(browser, demo.base, viewport);
    watches.push(w);
    await w.page.goto(demo.base + path);
    return w;
  }

  async function api(path: string): Promise<Json> {
    const res = await fetch(demo.base + path);
    assert.equal(res.status, 200, `${path}: ${res.status}`);
    return (await res.json()) as Json;
  }

  /** Which basemap scales the page has fetched, in order ("110m", "50m"), from its resource timings. */
  const basemapsFetched = (page: Page) =>
    page.evaluate(() => performance.getEntriesByType('resource').map((e) => /countries-(\d+m)[^/]*\.json/.exec(e.name)?.[1]).filter((x): x is string => !!x));
  const clean = (w: Watch) => assert.deepEqual(w.problems, [], 'the page opened a dialog, reached another host, broke the CSP or threw');
  const total = async (page: Page) => Number(await page.locator('.list .count').getAttribute('data-total'));
  /** Wait until the list shows `n` in its count (a filter has been applied and answered). */
  const listCount = (page: Page, n: number) => page.waitForFunction((want) => document.querySelector('.list .count')?.getAttribute('data-total') === String(want), n);

  test('load, filter by country, brush the timeline, open an incident', async () => {
    const w = await open('/');
    const { page } = w;
    const all = (await api('/api/incidents?with_total=true&limit=1')).total as number;
    await listCount(page, all);
    assert.ok(all > 10);
    await page.locator('.map-box[data-ready="1"]').waitFor({ timeout: 30_000 });
    // The world view draws the 1:110m shapes and does not ask for the 1:50m file (the map decides at
    // its first frame, before it says it is ready).
    assert.equal(await page.locator('.map-box').getAttribute('data-detail'), null);
    assert.deepEqual(await basemapsFetched(page), ['110m']);

    await page.selectOption('select[name=country]', 'FR');
    await page.waitForURL(/[?&]country=FR/);
    const france = (await api('/api/incidents?country=FR&with_total=true&limit=500')) as { total: number; incidents: Json[] };
    await listCount(page, france.total);
    assert.ok(france.total >= 3 && france.total < all);
    const places = await page.locator('table.incidents td.place a').allTextContents();
    assert.equal(places.length, france.total);
    for (const p of places) assert.match(p, /France/);
    const pointsBefore = Number(await page.locator('.map-box').getAttribute('data-points'));

    // Drag across the left fifth of the chart: the brushed range goes to the URL and narrows the list and the map.
    const chart = (await page.locator('svg.chart').boundingBox())!;
    await page.mouse.move(chart.x + 2, chart.y + chart.height / 2);
    await page.mouse.down();
    await page.mouse.move(chart.x + chart.width * 0.2, chart.y + chart.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.waitForURL(/[?&]b1=.*&b2=/);
    const url = new URL(page.url());
    const [b1, b2] = [url.searchParams.get('b1')!, url.searchParams.get('b2')!];
    const brushed = (await api(`/api/incidents?country=FR&from=${b1}&to=${b2}&with_total=true`)).total as number;
    assert.ok(brushed > 0 && brushed < france.total, `brushing ${b1}..${b2} keeps ${brushed} of ${france.total}`);
    await listCount(page, brushed);
    for (const d of await page.locator('table.incidents td.date').allTextContents()) assert.ok(d >= b1.slice(0, d.length) && d <= b2, `${d} in ${b1}..${b2}`);
    await page.waitForFunction((n) => Number(document.querySelector('.map-box')?.getAttribute('data-points')) < n, pointsBefore);

    // The view is in the URL: opened afresh, it shows the same list.
    const again = await open(url.pathname + url.search);
    await listCount(again.page, brushed);

    // Zoomed in from the world view, the map fetches the 1:50m shapes and draws them (here, after the
    // page above was opened, so that it opens on the world view too). Three clicks reach zoom 3; up to
    // eight, since a click during the last one's animation adds less than one.
    assert.equal(await page.locator('.map-box').getAttribute('data-detail'), null, 'still on the world view');
    for (let i = 0; i < 8 && !(await page.locator('.map-box[data-detail]').count()); i++) {
      await page.click('.maplibregl-ctrl-zoom-in');
      await page.waitForTimeout(400);
    }
    await page.locator('.map-box[data-detail="1"]').waitFor();
    assert.deepEqual(await basemapsFetched(page), ['110m', '50m']);

    const first = page.locator('table.incidents td.place a').first();
    const id = Number(await page.locator('table.incidents tbody tr').first().getAttribute('data-id'));
    await first.click();
    await page.waitForURL(new RegExp(`/incidents/${id}\\b`));
    const detail = await api(`/api/incidents/${id}`);
    await page.locator('h1', { hasText: detail.label }).waitFor();
    assert.ok(page.url().includes('country=FR'), 'the list filters ride along to the incident page');
    clean(w);
    clean(again);
  });

  test('"More" pages through the whole list by keyset, newest first, each incident once', async () => {
    const w = await watchedPage(browser, demo.base);
    watches.push(w);
    const { page } = w;
    // Pages of 5 instead of 50, so the demo's incidents take several.
    await page.route('**/api/incidents?*', (route) => {
      const url = new URL(route.request().url());
      if (url.searchParams.get('sort') === '-date') url.searchParams.set('limit', '5');
      return route.continue({ url: url.href });
    });
    await page.goto(demo.base + '/');
    const all = (await api('/api/incidents?with_total=true&limit=1')).total as number;
    await listCount(page, all);
    const rows = page.locator('table.incidents tbody tr');
    await page.waitForFunction(() => document.querySelectorAll('table.incidents tbody tr').length === 5);
    for (let n = 5; n < all; n += 5) {
      await page.click('button.more');
      await page.waitForFunction((want) => document.querySelectorAll('table.incidents tbody tr').length === want, Math.min(all, n + 5));
    }
    assert.equal(await page.locator('button.more').count(), 0, 'no "More" after the last page');
    const ids = await rows.evaluateAll((trs) => trs.map((t) => Number(t.getAttribute('data-id'))));
    assert.equal(new Set(ids).size, all);
    // In the server's newest-first order (by each incident's earliest report date, undated last).
    const order = ((await api('/api/incidents?sort=-date&limit=500')).incidents as Json[]).map((i) => i.incident_id as number);
    assert.deepEqual(ids, order);
    const first = (await page.locator('table.incidents td.date').first().textContent())!;
    const last = (await page.locator('table.incidents td.date').last().textContent())!;
    assert.ok(first > last || last === '—', `newest first: ${first} … ${last}`);
    clean(w);
  });

  test('filtering the list by the map view keeps the incidents in the visible box', async () => {
    const w = await open('/?map=2.35,48.86,8');
    const { page } = w;
    await page.locator('.map-box[data-ready="1"]').waitFor({ timeout: 30_000 });
    // Opened at zoom 8, the map draws the 1:50m shapes.
    await page.locator('.map-box[data-detail="1"]').waitFor();
    const all = (await api('/api/incidents?with_total=true&limit=1')).total as number;
    await listCount(page, all);
    await page.check('label.inview input');
    await page.waitForURL(/[?&]inview=1/);
    await page.waitForURL(/[?&]bbox=/);
    const bbox = new URL(page.url()).searchParams.get('bbox')!;
    const inBox = (await api(`/api/incidents?bbox=${bbox}&with_total=true`)).total as number;
    assert.ok(inBox > 0 && inBox < all, `${inBox} of ${all} in ${bbox}`);
    await listCount(page, inBox);
    for (const p of await page.locator('table.incidents td.place a').allTextContents()) assert.match(p, /France/);
    clean(w);
  });

  test('the entity page and the claims view say who claimed, denied or accused what', async () => {
    const w = await open('/claims?kind=accusation');
    const { page } = w;
    await page.locator('table.claims-table tbody tr').first().waitFor();
    const claims = (await api('/api/claims?kind=accusation')) as Json;
    const n = (Array.isArray(claims) ? claims : claims.claims).length as number;
    assert.equal(await page.locator('table.claims-table tbody tr').count(), n);
    await page.locator('table.claims-table tbody tr a').first().click();
    await page.waitForURL(/\/documents\/[0-9a-f]{64}\?/);
    await page.locator('main .doctext mark.m-claim').first().waitFor();
    await page.goto(`${demo.base}/entities?etype=person`);
    await page.locator('table.plain tbody tr a').first().click();
    await page.waitForURL(/\/entities\/\d+/);
    await page.locator('main h2', { hasText: 'Incidents' }).waitFor();
    clean(w);
  });

  /** The incident whose headline killed figure has evidence (Manchester's "killed 22 people"). */
  async function manchester(): Promise<{ id: number; detail: Json; quote: string; quotes: string[] }> {
    const id = (await api('/api/incidents?text=Manchester')).incidents[0].incident_id as number;
    const detail = await api(`/api/incidents/${id}`);
    // The report the automatic figure comes from (with a reviewer's figure standing, the one that gives a figure).
    const from = (detail.headline.killedTotal?.from ?? []) as string[];
    const report = (detail.reports as Json[]).find((r) => from.includes(r.id)) ?? (detail.reports as Json[]).find((r) => r.killedTotal)!;
    const quotes = report.killedTotal.quotes as string[];
    return { id, detail, quote: quotes[0]!, quotes };
  }

  test('clicking a value opens its source beside it with the words highlighted and in view', async () => {
    const { id, quote, quotes } = await manchester();
    const w = await open(`/incidents/${id}`);
    const { page } = w;
    await page.locator('tr[data-field=killed] button.value').click();
    const mark = page.locator('.docpane mark.m-evidence');
    await mark.first().waitFor();
    // Every span of the value's evidence is lit (the headline and the body may both give it).
    assert.deepEqual(await mark.allTextContents(), quotes);
    assert.ok(/[?&]doc=[0-9a-f]{64}/.test(page.url()) && /[?&]span=\d+-\d+/.test(page.url()), page.url());
    const inView = () => page.evaluate(() => {
      const m = document.querySelector('.docpane mark.m-evidence')!.getBoundingClientRect();
      const box = document.querySelector('.docpane .doctext')!.getBoundingClientRect();
      return m.top >= box.top && m.bottom <= box.bottom && m.bottom <= window.innerHeight;
    });
    await page.waitForFunction(() => {
      const m = document.querySelector('.docpane mark.m-evidence')?.getBoundingClientRect();
      return m !== undefined && m.bottom <= window.innerHeight;
    });
    assert.ok(await inView(), 'the evidence is scrolled into view');
    // A value deep in the text: the injured figure of the same report.
    await page.locator('tr[data-field=injured] button.value').click();
    await page.waitForFunction((q) => document.querySelector('.docpane mark.m-evidence')?.textContent !== q, quote);
    assert.ok(await inView());
    // Shared as a link, the same view opens with the same words lit.
    const again = await open(new URL(page.url()).pathname + new URL(page.url()).search);
    await again.page.locator('.docpane mark.m-evidence').first().waitFor();
    assert.notEqual(await again.page.locator('.docpane mark.m-evidence').first().textContent(), quote);
    clean(w);
    clean(again);
  });

  /**
   * A watched page at `path`, logged in as `who` by the request the login page sends (POST
   * /api/login, whose cookies the page's context keeps). Through the login page itself, each of these
   * tests loaded the app three times before its first step (the list, the login, the page under
   * test); the login page has tests of its own (the token server's, and "a login stands").
   */
  async function openAs(path: string, token: string, who: string): Promise<Watch> {
    const w = await watchedPage(browser, demo.base);
    watches.push(w);
    const res = await w.context.request.post(`${demo.base}/api/login`, { data: { token } });
    assert.equal(res.status(), 200, `login as ${who}: ${res.status()}`);
    await w.page.goto(demo.base + path);
    await w.page.locator('.top .user', { hasText: who }).waitFor();
    return w;
  }

  test('a reviewer logs in, corrects a figure, and sees it in the list, the history and the export', async () => {
    const { id } = await manchester();
    const w = await openAs(`/incidents/${id}`, demo.tokens.reviewer, 'alice');
    const { page } = w;
    const row = page.locator('tr[data-field=killed]');
    // Open the source and select the words that support the new figure: the correction cites them.
    await row.locator('button.value').click();
    await page.locator('.docpane mark.m-evidence').first().waitFor();
    const words = 'The bomber died at the scene';
    await selectWords(page, words);
    await row.locator('button', { hasText: 'Correct' }).click();
    await row.locator('label.cite', { hasText: words }).waitFor();
    await row.locator('input[name=value]').fill('23');
    await row.locator('input[name=reason]').fill('the bomber is counted by the later report');
    await row.locator('button[type=submit]').click();
    await row.locator('td.rv', { hasText: '23' }).waitFor();
    // The automatic figure stays beside the correction, still one click from its words.
    assert.match(await row.locator('button.value').textContent() ?? '', /^22/);
    await page.locator('.history li', { hasText: 'corrected killed to 23' }).waitFor();
    // The cited words are one click away, lit in their document.
    await row.locator('button.cited').click();
    await page.waitForFunction((w) => document.querySelector('.docpane mark.m-evidence')?.textContent === w, words);
    assert.match(await page.locator('.history li').last().textContent() ?? '', /alice.*the bomber is counted/);

    const trail = (await api(`/api/incidents/${id}/history`)).history as Json[];
    const rec = trail.at(-1)!;
    assert.equal(rec.actor, 'alice');
    const { evidence, ...action } = rec.action as Json;
    assert.deepEqual(action, { kind: 'correct', field: 'killed', value: 23 });
    assert.equal(evidence.length, 1);
    const doc = await api(`/api/documents/${evidence[0].docId}`);
    assert.equal((doc.text as string).slice(evidence[0].start, evidence[0].end), words);
    assert.equal(rec.reason, 'the bomber is counted by the later report');

    const listed = (await api('/api/incidents?text=Manchester')).incidents[0] as Json;
    assert.equal(listed.killed, 23);
    assert.equal(listed.reviewed, true);
    await page.goto(`${demo.base}/?q=Manchester`);
    await page.locator(`tr[data-id="${id}"] .badge.ok`, { hasText: 'reviewed' }).waitFor();
    assert.equal(await page.locator(`tr[data-id="${id}"] td.n`).first().textContent(), '23');

    const csv = await (await fetch(`${demo.base}/api/export?format=acled&text=Manchester`)).text();
    const [cols, line] = csvRows(csv) as [string[], string[]];
    assert.equal(line[cols.indexOf('fatalities')], '23', csv);
    assert.equal(line[cols.indexOf('reviewed')], '1', csv);

    // Undo is a new record: the figure goes back, the trail keeps both.
    await page.goto(`${demo.base}/incidents/${id}`);
    await page.locator('.history li', { hasText: 'corrected killed to 23' }).locator('button', { hasText: 'Undo' }).click();
    await page.locator('.history li', { hasText: 'undid record' }).waitFor();
    assert.equal((await api(`/api/incidents/${id}/history`)).history.length, trail.length + 1);
    clean(w);
  });

  test('a reader sees no review controls and cannot write, even by hand', async () => {
    const { id } = await manchester();
    const w = await openAs(`/incidents/${id}`, demo.tokens.reader, 'bob');
    const { page } = w;
    await page.locator('.fieldtable').waitFor();
    assert.equal(await page.locator('.controls').count(), 0);
    assert.equal(await page.locator('.review-panel').count(), 0);
    const status = await page.evaluate(async (iid) => {
      const s = (await (await fetch('/api/session')).json()) as { csrf: string };
      const res = await fetch(`/api/incidents/${iid}/review`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': s.csrf }, body: JSON.stringify({ kind: 'note', text: 'sneaky' }),
      });
      return res.status;
    }, id);
    assert.equal(status, 403);
    const anonymous = await fetch(`${demo.base}/api/incidents/${id}/review`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"kind":"note","text":"x"}' });
    assert.equal(anonymous.status, 401);
    assert.ok(!(await api(`/api/incidents/${id}/history`)).history.some((r: Json) => r.action.text === 'sneaky'));
    clean(w);
  });

  test('a reviewer merges two incidents: the merged id then opens the one it joined, and the history says so', async () => {
    // The airport and metro bombings of 22 March 2016, which the demo keeps apart.
    const brussels = (await api('/api/incidents?text=Brussels&from=2016-03-22&to=2016-03-22&sort=id')).incidents as Json[];
    assert.ok(brussels.length >= 2, 'the demo has two Brussels incidents');
    const [keep, gone] = [brussels[0]!.incident_id as number, brussels[1]!.incident_id as number];
    const w = await openAs(`/incidents/${keep}`, demo.tokens.reviewer, 'alice');
    const { page } = w;
    await page.fill('.review-panel input[name=other]', String(gone));
    await page.click('.review-panel button:has-text("Merge")');
    await page.locator('.history li', { hasText: `merged incident #${gone} into this one` }).waitFor();
    await page.goto(`${demo.base}/incidents/${gone}`);
    await page.waitForURL(new RegExp(`/incidents/${keep}\\b`));
    await page.locator('.history li', { hasText: `merged incident #${gone}` }).waitFor();
    const redirect = await fetch(`${demo.base}/api/incidents/${gone}`, { redirect: 'manual' });
    assert.equal(redirect.status, 308);
    clean(w);
  });

  test('every review control writes its record: note, reject a value, reject a report, split a report out', async () => {
    const id = (await api('/api/incidents?text=Bataclan')).incidents[0].incident_id as number;
    const reports = (await api(`/api/incidents/${id}`)).reports as Json[];
    assert.ok(reports.length >= 3, 'the Bataclan incident has three reports');
    const w = await openAs(`/incidents/${id}`, demo.tokens.reviewer, 'alice');
    const { page } = w;
    await page.fill('.review-panel textarea[name=note]', 'check the toll against the prosecutor');
    await page.click('.review-panel button:has-text("Add note")');
    await page.locator('.history li', { hasText: 'note: check the toll against the prosecutor' }).waitFor();
    await page.locator('tr[data-field=arrested] button', { hasText: 'Reject' }).click();
    await page.locator('tr[data-field=arrested] td.rv', { hasText: 'rejected' }).waitFor();
    const [, second, third] = reports as [Json, Json, Json];
    await page.locator(`article[data-report="${second.id}"] button`, { hasText: 'reject report' }).click();
    await page.locator(`article[data-report="${second.id}"] .badge.bad`, { hasText: 'rejected' }).waitFor();
    await page.locator(`article[data-report="${third.id}"] button`, { hasText: 'Split out' }).click();
    await page.locator('.history li', { hasText: `split report ${third.id} out` }).waitFor();
    const kinds = ((await api(`/api/incidents/${id}/history`)).history as Json[]).map((r) => r.action.kind);
    assert.deepEqual(kinds, ['note', 'reject-value', 'reject-report', 'split']);
    clean(w);
  });

  test('on a server that needs a token to read, the app asks for one first, then shows the list', async () => {
    const guarded = await startServer({ store: demo.store, host: '127.0.0.1', port: 0, webDir: WEB_DIR, requireAuth: true });
    try {
      const w = await watchedPage(browser, guarded.url);
      watches.push(w);
      const { page } = w;
      await page.goto(guarded.url + '/?country=FR');
      await page.waitForURL(/\/login\?country=FR/);
      await page.fill('input[name=token]', demo.tokens.reader);
      await page.click('form button[type=submit]');
      await page.locator('.top .user', { hasText: 'bob' }).waitFor();
      await page.waitForURL(/\/\?country=FR$/);
      await page.locator('table.incidents tbody tr').first().waitFor();
      clean(w);
    } finally {
      await guarded.close();
    }
  });

  test("a hostile document's payload is shown as text and never runs or loads anything", async () => {
    const found = (await api('/api/incidents?text=Maiduguri')).incidents as Json[];
    assert.ok(found.length > 0, 'the hostile report made an incident');
    const id = found[0]!.incident_id as number;
    const detail = await api(`/api/incidents/${id}`);
    const docId = detail.reports[0].docId as string;
    const w = await open('/?q=Maiduguri');
    const { page } = w;
    await page.locator(`tr[data-id="${id}"]`).waitFor();
    await page.goto(`${demo.base}/incidents/${id}`);
    await page.locator('.report h3 button').first().click();
    await page.locator('.docpane .doctext').waitFor();
    const text = await page.locator('.docpane .doctext').textContent();
    assert.match(text!, /<script>alert\('note'\)<\/script>/, 'markup in the text is shown as the characters it is');
    assert.match(text!, /onerror=alert\('img'\)/);
    await page.goto(`${demo.base}/documents/${docId}?layers=mentions,dates,quantities,incidents,claims,quotes`);
    await page.locator('main .doctext').waitFor();
    await page.locator('main .doctext').hover();
    for (const p of [page]) {
      assert.equal(await p.locator('main img, main iframe, main object, main embed, main style').count(), 0);
      assert.equal(await p.locator('script').count(), 1, 'only the app bundle is a script');
      assert.equal(await p.locator('a[href^="javascript:"], [onerror], [onmouseover], [onclick]').count(), 0);
    }
    await page.goto(`${demo.base}/entities`);
    await page.locator('table.plain').waitFor();
    await page.waitForTimeout(500);
    clean(w);
  });

  test('usable on a phone: 390×844 without sideways scrolling', async () => {
    const w = await open('/', { width: 390, height: 844 });
    const { page } = w;
    await page.locator('table.incidents tbody tr').first().waitFor();
    const wide = () => page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok((await wide()) <= 391, `the list page is ${await wide()} px wide`);
    // The map pane is hidden behind the list: MapLibre and the basemap wait until it is picked (they
    // used to load and draw for nobody). Half a second is long enough for the old page to have asked.
    await page.waitForTimeout(500);
    const mapFiles = () => page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /maplibre|countries-/.test(e.name)).length);
    assert.equal(await mapFiles(), 0, 'the hidden map loaded MapLibre or a basemap');
    await page.click('.panes button:has-text("map")');
    await page.locator('.map-box[data-ready="1"]').waitFor({ timeout: 30_000 });
    assert.ok(await page.locator('.map-box').isVisible());
    assert.equal(await page.locator('table.incidents').isVisible(), false);
    const { id } = await manchester();
    await page.goto(`${demo.base}/incidents/${id}`);
    await page.locator('tr[data-field=killed] button.value').click();
    await page.locator('.docpane mark.m-evidence').first().waitFor();
    assert.ok((await wide()) <= 391, `the incident page is ${await wide()} px wide`);
    clean(w);
  });

  // Regression (a browser test failed on a loaded machine): the session the app asks for as it opens
  // answered after a quick login, said "nobody" (it was asked before the cookie), and undid the login.
  test('a login stands when the session asked for at opening answers after it', async () => {
    const w = await watchedPage(browser, demo.base);
    watches.push(w);
    const { page } = w;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let first = true;
    await page.route('**/api/session', async (route) => {
      if (!first) return route.continue();
      first = false;
      // Answered by the server now (nobody is logged in yet), handed to the page after the login.
      const response = await route.fetch();
      await held;
      await route.fulfill({ response });
    });
    await page.goto(demo.base + '/login');
    await page.fill('input[name=token]', demo.tokens.reviewer);
    await page.click('form button[type=submit]');
    await page.locator('.top .user', { hasText: 'alice' }).waitFor();
    // Now the opening question is answered: "nobody", as it was asked before the login.
    release();
    await page.waitForTimeout(300);
    assert.equal(await page.locator('.top .user', { hasText: 'alice' }).count(), 1, 'the late answer undid the login');
    await page.unroute('**/api/session');
    clean(w);
  });

  test('a reviewer adds a report from the page; a bad file is refused and nothing is stored', async () => {
    const before = (await api('/api/incidents?with_total=true&limit=1')).total as number;
    const w = await openAs('/', demo.tokens.reviewer, 'alice');
    const { page } = w;
    await page.click('details.upload summary');
    await page.setInputFiles('details.upload input[type=file]', [{ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.from('') }]);
    await page.click('details.upload button[type=submit]');
    await page.locator('details.upload p.error', { hasText: 'empty' }).waitFor();
    assert.equal((await api('/api/incidents?with_total=true&limit=1')).total, before);
    const report = 'Bomb kills 6 at market in Peshawar\n\nPESHAWAR, Pakistan, 3 March 2025 — A bomb exploded at a crowded market in Peshawar on Monday, killing six people and wounding 20 others, police said.\n';
    // With it, a report in Russian: what was not read in full says so on its row (issue 13).
    const ru = 'Вчера вечером в центре города прогремел взрыв. По данным полиции, погибли четыре человека.';
    await page.setInputFiles('details.upload input[type=file]', [
      { name: 'peshawar.txt', mimeType: 'text/plain', buffer: Buffer.from(report) },
      { name: 'ru.txt', mimeType: 'text/plain', buffer: Buffer.from(ru) },
    ]);
    await page.click('details.upload button[type=submit]');
    const row = page.locator('.upload-results li[data-status=stored]', { hasText: 'peshawar.txt' });
    await row.waitFor();
    await listCount(page, before + 1);
    await page.locator('.upload-results li', { hasText: 'ru.txt' }).locator('.notice', { hasText: 'language ru: no extraction yet' }).waitFor();
    // Negative: the English report's row has no notice.
    assert.equal(await row.locator('.notice').count(), 0);
    await row.locator('a.chip').first().click();
    await page.waitForURL(/\/incidents\/\d+/);
    await page.locator('h1', { hasText: 'Peshawar' }).waitFor();
    clean(w);
  });
});
