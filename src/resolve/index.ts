export { headlineCount, primaryReport, publishedOf, HEADLINE_POLICIES, type HeadlinePolicy, type HeadlineCount, type CountField } from './headline.js';
