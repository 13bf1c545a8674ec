import type { Claim, Quote, Sentence, Span } from '../model/index.js';
import { sentenceAt } from '../nlp/sentences.js';
import type { Store } from '../store/index.js';

/** The document's text and sentences, so each piece of evidence is shown in its sentence. */
export interface TextContext {
  text: string;
  sentences: readonly Sentence[];
}

const SPACES = /\s+/g;

/** The sentence around a span, with the span marked «like this», shortened to about 240 characters. */
export function inSentence(ctx: TextContext, e: Span): string | null {
  const i = sentenceAt(ctx.sentences, e.start);
  const s = ctx.sentences[i];
  if (!s || (s.start === e.start && s.end === e.end)) return null;
  const before = ctx.text.slice(Math.max(s.start, e.start - 120), e.start);
  const after = ctx.text.slice(e.end, Math.min(s.end, e.end + 120));
  const lead = e.start - 120 > s.start ? '…' : '';
  const tail = e.end + 120 < s.end ? '…' : '';
  return `${lead}${before}«${ctx.text.slice(e.start, e.end)}»${after}${tail}`.replace(SPACES, ' ');
}

export type ClaimWithWords = Claim & { words: string; cue_words: string | null };
export type QuoteWithWords = Quote & { words: string };

/** A claim with its words quoted (the CLI's `claims --json` and the API's /api/claims). */
export async function withWords(store: Store, c: Claim): Promise<ClaimWithWords> {
  return (await claimsWithWords(store, [c]))[0]!;
}

export async function quoteWithWords(store: Store, q: Quote): Promise<QuoteWithWords> {
  return (await quotesWithWords(store, [q]))[0]!;
}

/** Many claims with their words, reading each document once. */
export async function claimsWithWords(store: Store, claims: readonly Claim[]): Promise<ClaimWithWords[]> {
  const docs = await store.getDocuments(claims.map((c) => c.docId));
  return claims.map((c) => {
    const t = docs.get(c.docId)?.text ?? '';
    return { ...c, words: t.slice(c.content.start, c.content.end), cue_words: c.cue ? t.slice(c.cue.start, c.cue.end) : null };
  });
}

/** Many quotes with their words, reading each document once. */
export async function quotesWithWords(store: Store, quotes: readonly Quote[]): Promise<QuoteWithWords[]> {
  const docs = await store.getDocuments(quotes.map((q) => q.docId));
  return quotes.map((q) => ({ ...q, words: (docs.get(q.docId)?.text ?? '').slice(q.text.start, q.text.end) }));
}
