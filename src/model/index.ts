export * from './span.js';
export * from './doc.js';
export * from './errors.js';
export * from './incident.js';
export * from './claim.js';
export * from './calendar.js';
export { cutTail } from './tail.js';
export { isAsciiLetter, isAsciiWordChar, isSpace } from './chars.js';
export { WordTable } from './word-table.js';
