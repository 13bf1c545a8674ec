import fc from 'fast-check';
import type { InputFormat } from '../intake/index.js';
import { BYTE_ARBS } from './byte-arbs.js';
import { FEED_ARBS } from './feed-arbs.js';
import { htmlPageArb, htmlShapeArb } from './html-arbs.js';
import { applyMutation, loadSeeds, mutatedArb, mutationArb } from './mutate.js';
import { hugeLineArb, markdownArb, pathologicalArb, textArb } from './text-arbs.js';

/**
 * Fuzz cases: an input's bytes, the format and source name intake is given, and the generator that
 * made it (reports group results by it). One arbitrary per target; the sizes differ because the
 * whole pipeline reads about 0.25 MiB a second and intake alone is many times faster.
 */

export type FuzzTarget = 'intake' | 'pipeline' | 'feeds';
export const FUZZ_TARGETS: readonly FuzzTarget[] = ['intake', 'pipeline', 'feeds'];

export interface FuzzCase {
  target: FuzzTarget;
  /** The generator's name: "html-page", "mutated:samples/02-crocus-later.html", … */
  gen: string;
  source: string;
  /** Undefined: intake guesses from the source's extension and the content. */
  format?: InputFormat;
  bytes: Uint8Array;
  /** Pipeline cases only: also save the result into the child's SQLite store. */
  save?: boolean;
}

interface Raw {
  gen: string;
  bytes: Uint8Array;
  native?: InputFormat;
}

const utf8 = new TextEncoder();
const fromText = (gen: string, native: InputFormat | undefined, arb: fc.Arbitrary<string>): fc.Arbitrary<Raw> =>
  arb.map((s) => ({ gen, bytes: utf8.encode(s), ...(native ? { native } : {}) }));

const NATIVE_SOURCES: Record<InputFormat, string[]> = {
  html: ['fuzz.html', 'page.htm', 'https://example.org/news/story.php?id=1', 'fuzz.xhtml'],
  text: ['fuzz.txt', 'https://example.org/a', 'notes.text'],
  markdown: ['fuzz.md', 'notes.markdown'],
};
const ANY_SOURCES = ['fuzz.html', 'fuzz.txt', 'fuzz.md', 'fuzz', 'https://example.org/news/1?x=y.pdf#frag', 'https://example.org/feed', 'report.pdf', 'dir/.hidden.txt'];
const FORMATS: InputFormat[] = ['html', 'text', 'markdown'];

/** Mostly the format the generator wrote (given, or guessed from a fitting source name); sometimes any format under any name. */
function withFormat(target: FuzzTarget, raw: fc.Arbitrary<Raw>): fc.Arbitrary<FuzzCase> {
  return fc
    .record({ raw, mode: fc.nat({ max: 9 }), fmt: fc.constantFrom(...FORMATS), src: fc.nat(), save: fc.nat({ max: 19 }) })
    .map(({ raw: r, mode, fmt, src, save }) => {
      const base: FuzzCase = { target, gen: r.gen, source: ANY_SOURCES[src % ANY_SOURCES.length]!, bytes: r.bytes };
      if (target === 'pipeline' && save === 0) base.save = true;
      if (r.native && mode < 4) return { ...base, format: r.native, source: NATIVE_SOURCES[r.native][src % NATIVE_SOURCES[r.native].length]! };
      if (r.native && mode < 7) return { ...base, source: NATIVE_SOURCES[r.native][src % NATIVE_SOURCES[r.native].length]! };
      return mode < 9 ? { ...base, format: fmt } : base;
    });
}

const bytesRaw = Object.entries(BYTE_ARBS).map(([gen, arb]) => ({ arbitrary: arb.map((bytes): Raw => ({ gen, bytes })), weight: 10 }));

function mutatedRaw(): fc.Arbitrary<Raw> {
  return mutatedArb().map((m): Raw => {
    const native: InputFormat = m.name.endsWith('.md') ? 'markdown' : /\.html?$/.test(m.name) ? 'html' : 'text';
    return { gen: `mutated:${m.name}`, bytes: m.bytes, native };
  });
}

export interface CaseOptions {
  /**
   * false: leave out the generators that take seconds an input (deep and wide pages, 1–5 MB lines)
   * and keep pathological runs short: the short pass `npm test` runs.
   */
  heavy?: boolean;
}

/** Intake alone: everything, with 1–5 MB lines and 200 000-character pathological runs. */
export function intakeCaseArb(opts: CaseOptions = {}): fc.Arbitrary<FuzzCase> {
  const heavy = opts.heavy !== false;
  return withFormat('intake', fc.oneof(
    { arbitrary: fromText('text', 'text', textArb), weight: 50 },
    { arbitrary: fromText('markdown', 'markdown', markdownArb), weight: 40 },
    { arbitrary: fromText('html-page', 'html', htmlPageArb), weight: 50 },
    ...(heavy ? [{ arbitrary: fromText('html-shape', 'html', htmlShapeArb), weight: 4 }] : []),
    { arbitrary: fromText('pathological', 'text', pathologicalArb(heavy ? 200_000 : 20_000)), weight: 30 },
    ...(heavy ? [{ arbitrary: fromText('huge-line', 'text', hugeLineArb(1_000_000, 5_000_000)), weight: 1 }] : []),
    ...bytesRaw,
    { arbitrary: mutatedRaw(), weight: 60 },
  ));
}

/**
 * The pipeline reads about 0.25 MiB a second of report-dense text on this machine (docs/benchmarks.md), so a
 * 2 s budget holds up to about this size; a mutated seed (a slice repeated 2 000 times) can reach 400 KB,
 * and is cut here. Intake alone takes every size up to its 10 MiB limit.
 */
export const PIPELINE_MAX_BYTES = 192 * 1024;

/** Intake and every stage: the same generators, sized for the 2 s budget (huge lines of 100–190 KB). */
export function pipelineCaseArb(opts: CaseOptions = {}): fc.Arbitrary<FuzzCase> {
  const heavy = opts.heavy !== false;
  return pipelineOneof(heavy).map((c) => (c.bytes.length > PIPELINE_MAX_BYTES ? { ...c, bytes: c.bytes.subarray(0, PIPELINE_MAX_BYTES) } : c));
}

function pipelineOneof(heavy: boolean): fc.Arbitrary<FuzzCase> {
  return withFormat('pipeline', fc.oneof(
    { arbitrary: fromText('text', 'text', textArb), weight: 50 },
    { arbitrary: fromText('markdown', 'markdown', markdownArb), weight: 30 },
    { arbitrary: fromText('html-page', 'html', htmlPageArb), weight: 40 },
    ...(heavy ? [{ arbitrary: fromText('html-shape', 'html', htmlShapeArb), weight: 2 }] : []),
    { arbitrary: fromText('pathological', 'text', pathologicalArb(heavy ? 60_000 : 8_000)), weight: 30 },
    ...(heavy ? [{ arbitrary: fromText('huge-line', 'text', hugeLineArb(100_000, PIPELINE_MAX_BYTES)), weight: 1 }] : []),
    ...bytesRaw.map((b) => ({ ...b, weight: 3 })),
    { arbitrary: mutatedRaw(), weight: 60 },
  ));
}

/** Feeds (RSS, Atom, JSON Feed, sitemaps), as generated and with a few byte edits. */
export function feedCaseArb(): fc.Arbitrary<FuzzCase> {
  const feeds = Object.entries(FEED_ARBS).map(([gen, arb]) => ({
    arbitrary: fc.tuple(arb, fc.array(mutationArb, { maxLength: 3 })).map(([s, edits]): Raw => {
      let b: Uint8Array = utf8.encode(s);
      for (const m of edits) b = applyMutation(b, m, loadSeeds());
      return { gen: edits.length ? `${gen}+mutated` : gen, bytes: b };
    }),
    weight: 1,
  }));
  return withFormat('feeds', fc.oneof(...feeds));
}

export function caseArb(target: FuzzTarget, opts: CaseOptions = {}): fc.Arbitrary<FuzzCase> {
  return target === 'intake' ? intakeCaseArb(opts) : target === 'pipeline' ? pipelineCaseArb(opts) : feedCaseArb();
}
