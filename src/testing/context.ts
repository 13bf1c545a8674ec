/**
 * The shipped resources for tests that call a stage's functions directly (findMentions, resolvePlaces),
 * handed over as the pipeline's stages hand them (src/pipeline/stages.ts).
 */
import type { Mention } from '../model/index.js';
import { resolvePlaces } from '../nlp/gazetteer/resolve.js';
import { defaultContext } from '../pipeline/context.js';

/** The default context: the shipped models and data, each loaded on first use. */
export const CTX = defaultContext();

/** Resolve place mentions in place, as the places stage does with the shipped weights. */
export function resolveShipped(mentions: Mention[]): void {
  resolvePlaces(mentions, { gazetteer: CTX.gazetteer, weights: CTX.placeWeights });
}
