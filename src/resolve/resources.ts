import type { Gazetteer } from '../nlp/gazetteer/index.js';
import type { ActorLexicon } from './actors.js';

/**
 * What resolution reads besides the reports: the gazetteer (facility keys, names that are places) and
 * the actor lexicon (names that are actors). Passed in by whoever resolves (the pipeline's context
 * has both), so nothing in src/resolve reaches up into src/pipeline for a default.
 */
export interface ResolveResources {
  readonly gazetteer: Gazetteer;
  readonly actors: ActorLexicon;
}
