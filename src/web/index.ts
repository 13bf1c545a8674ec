/**
 * The workbench's view logic that needs no browser: URL state, timeline bins, and the text runs
 * evidence highlighting renders. The web app (web/) imports these; the tests run them under Node.
 */
export * from './bins.js';
export * from './segments.js';
export * from './view-state.js';
