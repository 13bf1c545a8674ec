/**
 * Benchmark (not a test): web intake end to end. Serves a local corpus (the bundled samples and
 * generated article pages) from 16 HTTP servers on 127.0.0.1, each answering after a fixed delay like
 * a remote site, and ingests every page into a fresh store with 1, 4 and 16 fetches at a time. Each
 * server is its own host to the fetcher, which takes one request per host at a time (politeness), so
 * concurrency spreads across hosts as it would across news sites.
 *
 *   npm run bench:fetch -- [--pages N] [--latency MS] [--json]
 *
 * It reports pages/s and where the time went: waiting for the network (summed over fetches in
 * flight), and the main thread's busy time split into HTML/text intake (the parser), extraction,
 * and the store. When the main thread is busy nearly all the wall time, it is the bottleneck; the
 * parser is the bottleneck when intake is the largest part of that.
 */
import { benchArgs, benchUsage } from './args.js';
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Fetcher } from '../src/fetch/index.js';
import { startServer, type TestServer } from '../src/fetch/test-server.js';
import { intakeBuffer } from '../src/intake/index.js';
import { defaultContext, extract, saveExtracted } from '../src/pipeline/index.js';
import { openStore } from '../src/store/index.js';
import { formatOfContentType, SaveLock } from '../src/watch/index.js';
import { articlePage, REPORT_COUNT } from '../src/watch/test-pages.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HOSTS = 16;
const CONCURRENCY = [1, 4, 16];

interface Page {
  path: string;
  body: Buffer;
  type: string;
}

/** The samples, then generated pages: each a report with its own number and dateline, so few are reposts of one another. */
function corpus(n: number): Page[] {
  const pages: Page[] = [];
  const dir = join(ROOT, 'samples');
  for (const f of readdirSync(dir).sort()) {
    const type = f.endsWith('.html') ? 'text/html; charset=utf-8' : f.endsWith('.md') ? 'text/markdown; charset=utf-8' : 'text/plain; charset=utf-8';
    pages.push({ path: `/samples/${f}`, body: readFileSync(join(dir, f)), type });
  }
  for (let i = 0; pages.length < n; i++) {
    const html = articlePage(i % REPORT_COUNT, { published: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`, title: `Report ${i}` })
      .replace('</article>', `<p>Update ${i}: officials said on day ${i} that ${(i * 7) % 90 + 3} people had been questioned in connection with case ${i * 131}.</p></article>`);
    pages.push({ path: `/news/${i}`, body: Buffer.from(html), type: 'text/html; charset=utf-8' });
  }
  return pages.slice(0, n);
}

async function serve(pages: Page[], latencyMs: number): Promise<TestServer[]> {
  const servers: TestServer[] = [];
  for (let h = 0; h < HOSTS; h++) {
    const srv = await startServer({});
    for (const p of pages) {
      srv.routes.set(p.path, (_q, res) => {
        setTimeout(() => res.writeHead(200, { 'content-type': p.type }).end(p.body), latencyMs);
      });
    }
    servers.push(srv);
  }
  return servers;
}

interface Run {
  concurrency: number;
  pages: number;
  failed: number;
  seconds: number;
  pagesPerSec: number;
  /** Summed over pages: ms waiting on the network (overlapping when concurrent). */
  waitMs: number;
  intakeMs: number;
  extractMs: number;
  saveMs: number;
  /** Main-thread busy share of the wall time: intake + extraction + store. */
  busyShare: number;
  intakeShareOfBusy: number;
}

async function run(urls: string[], concurrency: number): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-fetch-bench-'));
  const store = await openStore(join(dir, 'bench.db'));
  const fetcher = new Fetcher({ allowPrivate: ['127.0.0.0/8'], hostIntervalMs: 0, robots: true });
  const lock = new SaveLock();
  const t = { wait: 0, intake: 0, extract: 0, save: 0 };
  let failed = 0;
  let next = 0;
  const t0 = performance.now();
  const worker = async (): Promise<void> => {
    while (next < urls.length) {
      const url = urls[next++]!;
      try {
        const a = performance.now();
        const res = await fetcher.get(url);
        const b = performance.now();
        const fmt = formatOfContentType(res.contentType);
        const doc = intakeBuffer(res.bytes, res.url, fmt === 'unsupported' || fmt === null ? undefined : fmt, { charset: res.charset });
        const c = performance.now();
        const st = extract(doc);
        const d = performance.now();
        await lock.run(() => saveExtracted(store, doc, st));
        const e = performance.now();
        t.wait += b - a;
        t.intake += c - b;
        t.extract += d - c;
        t.save += e - d;
      } catch (err) {
        failed++;
        process.stderr.write(`${(err as Error).message}\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  await fetcher.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  const busy = t.intake + t.extract + t.save;
  return {
    concurrency, pages: urls.length, failed, seconds, pagesPerSec: urls.length / seconds, waitMs: t.wait, intakeMs: t.intake, extractMs: t.extract, saveMs: t.save,
    busyShare: busy / (seconds * 1000), intakeShareOfBusy: busy ? t.intake / busy : 0,
  };
}

async function main(): Promise<void> {
  const values = benchArgs('fetch-bench', 'usage: npm run bench:fetch -- [--pages 64] [--latency MS] [--json]', { pages: { type: 'string' }, latency: { type: 'string' }, json: { type: 'boolean' } });
  const n = Number(values.pages ?? 64);
  const latency = Number(values.latency ?? 100);
  defaultContext().gazetteer; // loaded before timing: every run would pay it otherwise, the first alone
  const pages = corpus(n);
  const servers = await serve(pages, latency);
  // Page i from host i mod 16: every host serves its share.
  const urls = pages.map((p, i) => `${servers[i % HOSTS]!.origin}${p.path}`);
  // One untimed page warms the models the first document loads lazily.
  await run(urls.slice(0, 1), 1);
  const runs: Run[] = [];
  for (const c of CONCURRENCY) runs.push(await run(urls, c));
  for (const s of servers) await s.close();
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ pages: n, latencyMs: latency, hosts: HOSTS, runs }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`fetch bench: ${n} pages from ${HOSTS} local hosts, ${latency} ms server latency\n\n`);
  process.stdout.write('fetches  pages/s  wall s  failed  main thread busy  of which intake (parser)  extraction  store\n');
  for (const r of runs) {
    process.stdout.write(
      `${String(r.concurrency).padStart(7)}  ${r.pagesPerSec.toFixed(1).padStart(7)}  ${r.seconds.toFixed(2).padStart(6)}  ${String(r.failed).padStart(6)}  ${`${(r.busyShare * 100).toFixed(0)} %`.padStart(16)}  ${`${(r.intakeShareOfBusy * 100).toFixed(0)} % (${(r.intakeMs / r.pages).toFixed(1)} ms/page)`.padStart(24)}  ${`${(r.extractMs / r.pages).toFixed(1)} ms/page`.padStart(10)}  ${(r.saveMs / r.pages).toFixed(1)} ms/page\n`,
    );
  }
  const top = runs[runs.length - 1]!;
  const verdict =
    top.busyShare < 0.8 ? 'the main thread is not saturated at 16: the network (server latency) bounds throughput'
      : top.intakeShareOfBusy >= 0.5 ? 'the main thread is saturated at 16 and intake (the HTML parser) takes most of it: the parser is the bottleneck'
        : 'the main thread is saturated at 16, mostly by extraction, not by the HTML parser: the parser is not the bottleneck';
  process.stdout.write(`\nAt 16: ${verdict}.\n`);
}

await main();
