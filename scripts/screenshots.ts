/**
 * `npm run screenshots`: the pictures in docs/web.md, taken from the real app in Debian's Chromium
 * over the demo reports (the same server the browser tests start): the explore page, the list, the
 * map, the timeline, an incident with its evidence open, the document view and the phone layout.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { browserUnavailable, demoServer, launchBrowser, selectWords, watchedPage } from '../src/testing/browser.js';
import { REPO_ROOT } from '../src/testing/fixtures.js';

const OUT = join(REPO_ROOT, 'docs', 'img');

/** An element's picture, at most `maxHeight` pixels tall (a long list is cut). */
async function shot(page: Page, el: Locator, name: string, maxHeight = 720): Promise<void> {
  // In page coordinates, as a full-page clip takes them (boundingBox gives the viewport's).
  const b = await el.evaluate((e) => {
    const r = e.getBoundingClientRect();
    return { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height };
  });
  await page.screenshot({ path: join(OUT, name), clip: { ...b, height: Math.min(b.height, maxHeight) }, fullPage: true });
  process.stdout.write(`docs/img/${name}\n`);
}

async function main(): Promise<void> {
  const why = browserUnavailable();
  if (why) throw new Error(why);
  mkdirSync(OUT, { recursive: true });
  const demo = await demoServer({ hostile: false });
  const browser = await launchBrowser();
  try {
    const { page, problems } = await watchedPage(browser, demo.base);
    await page.goto(`${demo.base}/`);
    await page.locator('.map-box[data-ready="1"]').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(OUT, 'web-explore.png') });
    process.stdout.write('docs/img/web-explore.png\n');
    await shot(page, page.locator('.list'), 'web-list.png');
    await shot(page, page.locator('.map'), 'web-map.png');
    await shot(page, page.locator('.timeline'), 'web-timeline.png');

    const id = ((await (await fetch(`${demo.base}/api/incidents?text=Manchester`)).json()) as { incidents: { incident_id: number }[] }).incidents[0]!.incident_id;
    await page.goto(`${demo.base}/incidents/${id}`);
    await page.locator('tr[data-field=killed] button.value').click();
    await page.locator('.docpane mark.m-evidence').first().waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(OUT, 'web-incident.png') });
    process.stdout.write('docs/img/web-incident.png\n');

    const paris = ((await (await fetch(`${demo.base}/api/incidents?text=Bataclan`)).json()) as { incidents: { incident_id: number }[] }).incidents[0]!.incident_id;
    await page.goto(`${demo.base}/incidents/${paris}`);
    await shot(page, page.locator('section.conflicts'), 'web-conflicts.png');
    const doc = page.locator('.report h3 button').first();
    await doc.click();
    await page.locator('.docpane a', { hasText: 'annotations' }).click();
    await page.locator('main .doctext').waitFor();
    await page.screenshot({ path: join(OUT, 'web-document.png') });
    process.stdout.write('docs/img/web-document.png\n');

    // A reviewer at work: logged in, correcting a figure with the supporting words selected.
    await page.goto(`${demo.base}/login`);
    await page.fill('input[name=token]', demo.tokens.reviewer);
    await page.click('form button[type=submit]');
    await page.locator('.top .user').waitFor();
    await page.goto(`${demo.base}/incidents/${id}`);
    await page.locator('tr[data-field=killed] button.value').click();
    await page.locator('.docpane mark.m-evidence').first().waitFor();
    await selectWords(page, 'The bomber died at the scene');
    await page.locator('tr[data-field=killed] button', { hasText: 'Correct' }).click();
    await page.fill('tr[data-field=killed] input[name=value]', '23');
    await page.fill('tr[data-field=killed] input[name=reason]', 'the bomber is counted too');
    await page.locator('tr[data-field=killed]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, 'web-review.png') });
    process.stdout.write('docs/img/web-review.png\n');

    const phone = await watchedPage(browser, demo.base, { width: 390, height: 844 });
    await phone.page.goto(`${demo.base}/`);
    await phone.page.locator('table.incidents tbody tr').first().waitFor();
    await phone.page.screenshot({ path: join(OUT, 'web-phone.png') });
    process.stdout.write('docs/img/web-phone.png\n');
    // Adding reports from the page (last: the upload adds an incident to the list the other pictures show): each file's row says what became of it, and what was not read in full.
    await page.goto(`${demo.base}/`);
    await page.click('details.upload summary');
    await page.setInputFiles('details.upload input[type=file]', [
      { name: 'kabul-market.txt', mimeType: 'text/plain', buffer: Buffer.from('Gunmen kill four at Kabul market\n\nKABUL, 7 March 2025 — Gunmen opened fire on a market in Kabul on Friday, killing four people and wounding nine, police said.\n') },
      { name: 'vzryv.txt', mimeType: 'text/plain', buffer: Buffer.from('Вчера вечером в центре города прогремел взрыв. По данным полиции, погибли четыре человека.') },
    ]);
    await page.click('details.upload button[type=submit]');
    await page.locator('.upload-results li .notice').first().waitFor();
    await shot(page, page.locator('details.upload'), 'web-upload.png');

    if (problems.length || phone.problems.length) throw new Error(`the pages misbehaved: ${[...problems, ...phone.problems].join('; ')}`);
  } finally {
    await browser.close();
    await demo.close();
  }
}

main().catch((e: Error) => {
  process.stderr.write(`screenshots: ${e.message}\n`);
  process.exit(1);
});
