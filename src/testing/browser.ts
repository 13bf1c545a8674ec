import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ingestPaths } from '../pipeline/index.js';
import { startServer, type RunningServer } from '../server/index.js';
import { openStore, type Store } from '../store/index.js';
import { fixturePath, REPO_ROOT } from './fixtures.js';

/**
 * Real-browser tests: Debian's Chromium driven by playwright-core (its own browser download cannot
 * work offline), against a real `dossier serve` on 127.0.0.1 with the demo reports ingested into a
 * temporary store. CI installs chromium and sets DOSSIER_REQUIRE_BROWSER=1, so there a missing
 * browser fails the run; elsewhere the browser tests skip when /usr/bin/chromium is absent.
 */

export const CHROMIUM = process.env.DOSSIER_CHROMIUM ?? '/usr/bin/chromium';
/** The built web app (`npm run build`). */
export const WEB_DIR = join(REPO_ROOT, 'dist', 'web');
export const HOSTILE_REPORT = fixturePath('web', 'fixtures', 'hostile-report.html');

/** Why the browser tests cannot run here, or null when they can (a required browser that is missing throws). */
export function browserUnavailable(): string | null {
  const missing = !existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM} (apt-get install chromium)` : null;
  if (missing && process.env.DOSSIER_REQUIRE_BROWSER) throw new Error(`DOSSIER_REQUIRE_BROWSER is set but there is ${missing}`);
  return missing;
}

/** Chromium features that start the address bar's WebUI popups with every window (launchBrowser). */
const NO_OMNIBOX_POPUPS = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    // The map draws with WebGL: on a machine without a GPU Chromium's software renderer does it.
    // --disable-gpu leaves it to that renderer without a GPU process compositing in software beside it:
    // the browser tests used 4-6 % less CPU in three alternated pairs of runs (2026-12-02).
    args: [
      '--headless', '--no-sandbox', '--disable-background-networking', '--enable-unsafe-swiftshader', '--disable-gpu',
      // Headless Chromium is the whole browser in a window nobody sees, and from version 156 every new
      // window (each test's fresh context) starts two WebUI renderers for the address bar's suggestion
      // popups (chrome://omnibox-popup.top-chrome/, the plain one and the AI-mode one), which no test
      // can open. They cost about 1.5 s of CPU per context, more than the page under test: a context
      // with one blank page used 2.4 s of the machine's CPU, and 0.65 s without them (2026-12-02).
      `--disable-features=${NO_OMNIBOX_POPUPS.join(',')}`,
      // Every host but this machine fails to resolve, so a page under test can reach nothing else
      // even where the machine has a network (watchedPage records any attempt).
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
}

export interface DemoServer {
  store: Store;
  server: RunningServer;
  base: string;
  tokens: { reviewer: string; reader: string };
  close(): Promise<void>;
}

/** The bundled samples and a hostile report in a fresh SQLite store, served with the built web app. */
export async function demoServer(opts: { hostile?: boolean } = {}): Promise<DemoServer> {
  if (!existsSync(join(WEB_DIR, 'index.html'))) throw new Error(`the web app is not built at ${WEB_DIR}: run npm run build`);
  const dir = mkdtempSync(join(tmpdir(), 'dossier-web-'));
  const store = await openStore(join(dir, 'web.db'));
  const inputs = [join(REPO_ROOT, 'samples'), ...(opts.hostile === false ? [] : [HOSTILE_REPORT])];
  const sum = await ingestPaths(store, inputs, () => undefined);
  if (sum.failed) throw new Error(`${sum.failed} demo inputs failed to ingest`);
  const reviewer = (await store.createToken('alice', 'reviewer')).token;
  const reader = (await store.createToken('bob', 'reader')).token;
  const server = await startServer({ store, host: '127.0.0.1', port: 0, webDir: WEB_DIR });
  return {
    store, server, base: server.url, tokens: { reviewer, reader },
    close: async () => {
      await server.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What a page did that it must never do: open a dialog, reach another host, break the CSP, throw. */
export interface Watch {
  page: Page;
  context: BrowserContext;
  /** "dialog: …", "request: http://evil…", "csp: …", "error: …" */
  problems: string[];
}

/**
 * A fresh context and page that records every dialog, every request to a host other than `base`
 * (and aborts it), every CSP refusal and every uncaught error.
 */
export async function watchedPage(browser: Browser, base: string, viewport = { width: 1280, height: 800 }): Promise<Watch> {
  const context = await browser.newContext({ viewport });
  const problems: string[] = [];
  const origin = new URL(base).origin;
  // Watched, not intercepted: no request can leave anyway, since the browser resolves no host but
  // 127.0.0.1 (launchBrowser), so nothing needs aborting and the page loads as a user's would.
  context.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin) problems.push(`request: ${url}`);
  });
  const page = await context.newPage();
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.type()} ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(`csp: ${m.text()}`);
  });
  return { page, context, problems };
}

export interface FirstLoad {
  /** Bytes over the wire (headers and bodies, as Chromium counts them) until the list showed. */
  bytes: number;
  requests: number;
  /** Bytes until the map had drawn too (MapLibre, its worker and the basemap load beside the list). */
  totalBytes: number;
  /** From navigation start to the first incident row in the list, in ms. */
  listMs: number;
  /** The same, until the map had drawn its first frame (MapLibre and the basemap loaded). */
  mapMs: number;
}

/**
 * The web app's first load in a fresh browser context (empty cache): what `npm run bench:api` and
 * docs/web.md report. Bytes come from Chromium's own network accounting (CDP), so compression counts.
 */
export async function firstLoad(browser: Browser, base: string): Promise<FirstLoad> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    let bytes = 0;
    let requests = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
      bytes += e.encodedDataLength;
      requests++;
    });
    const t0 = Date.now();
    await page.goto(base + '/');
    await page.locator('table.incidents tbody tr').first().waitFor();
    const listMs = Date.now() - t0;
    const listBytes = bytes;
    const listRequests = requests;
    await page.locator('.map-box[data-ready="1"]').waitFor({ timeout: 60_000 });
    const mapMs = Date.now() - t0;
    return { bytes: listBytes, requests: listRequests, listMs, mapMs, totalBytes: bytes };
  } finally {
    await context.close();
  }
}

/**
 * Select words in the open source document, as a reviewer would with the mouse (the browser tests
 * and the screenshots: a correction cites them). Throws when the words are not in the document.
 */
export async function selectWords(page: Page, words: string): Promise<void> {
  await page.evaluate((w) => {
    const box = document.querySelector('.docpane .doctext')!;
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.textContent!.indexOf(w);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + w.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(r);
      box.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return;
    }
    throw new Error(`"${w}" is not in the document`);
  }, words);
}
