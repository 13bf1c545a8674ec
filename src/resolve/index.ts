export { headlineCount, primaryReport, publishedOf, HEADLINE_POLICIES, type HeadlinePolicy, type HeadlineCount, type CountField } from './headline.js';
export { applyPlacements, facilityKey, findPlacements, FACILITY_PLACE_STAGE, type Placement } from './facility-places.js';
export { findConflicts, countRange, type Conflict, type ReportedValue } from './conflicts.js';
export { sameIncident, datesCompatible, dateBlock, MERGE_RULES, type MergeDecision } from './merge.js';
export { simhash, hamming } from './simhash.js';
