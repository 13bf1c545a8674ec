export * from './types.js';
export { applyReview, checkAction, checkReviewValue, emptyReview, foldTrail, headlineValues, isReviewField, reviewedReport, standingReports, undoneIds, type HeadlineValues, type ShownValue } from './effective.js';
