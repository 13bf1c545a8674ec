/**
 * Fuzzing (issue 13, "intake that nothing can break"): fast-check arbitraries for reports, pages,
 * markdown, feeds, encodings and pathological runs; the oracle that says what a pass is; the
 * harness behind `npm run fuzz` that runs cases in killable child processes; and the ReDoS check of
 * every regular expression in the sources (`npm run redos`). See docs/fuzzing.md.
 */
export { caseArb, intakeCaseArb, pipelineCaseArb, feedCaseArb, FUZZ_TARGETS, type FuzzCase, type FuzzTarget, type CaseOptions } from './cases.js';
export { runCase, runIntake, judgeError, checkDoc, checkState, setFeedParser, getFeedParser, FuzzFailure, type CaseResult, type FailureKind, type FeedParser } from './oracle.js';
export { fuzz, fuzzCases, slowerThan, FUZZ_CHUNK, type FuzzOptions, type FuzzSummary, type FailureRecord } from './fuzz-run.js';
export { minimize } from './minimize.js';
export { replayFailures, failureFiles, savedCase, type Replayed } from './replay.js';
export { Slot, type Verdict, type SlotOptions } from './runner.js';
export { loadSeeds, mutatedArb, applyMutation } from './mutate.js';
export { textArb, markdownArb, pathologicalArb, hugeLineArb, PATHOLOGICAL_UNITS } from './text-arbs.js';
export { htmlPageArb, htmlShapeArb } from './html-arbs.js';
export { BYTE_ARBS } from './byte-arbs.js';
export { FEED_ARBS } from './feed-arbs.js';
