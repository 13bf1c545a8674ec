export { headlineCount, primaryReport, publishedOf, HEADLINE_POLICIES, type HeadlinePolicy, type HeadlineCount, type CountField } from './headline.js';
export { applyPlacements, facilityKey, findPlacements, FACILITY_PLACE_STAGE, type Placement } from './facility-places.js';
