/**
 * Views: what the CLI's `--json` outputs and the HTTP API (src/server) say about incidents, entities,
 * claims and quotes, built in one place so the two never drift apart.
 */
export { inSentence, withWords, quoteWithWords, claimsWithWords, quotesWithWords, type TextContext, type ClaimWithWords, type QuoteWithWords } from './words.js';
export { entityView, type EntityView } from './entity.js';
export { incidentSummary, incidentSummaries, incidentSummaryTexts, incidentDetail, incidentConflicts, conflictsOf, type IncidentSummary, type SourceView } from './incident.js';
