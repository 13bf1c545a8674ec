export { newState, runPipeline, orderErrors, STAGES, OUTPUT_REVISION, type PipelineState, type Stage, type StageLayer } from './stages.js';
export { defaultContext, loadContext, PipelineContext, RESOURCE_NAMES, type ContextOptions, type ResourceName } from './context.js';
export { PIPELINE_VERSION, pipelineVersion, usedResources, type VersionParts } from './version.js';
export { ingestPaths, processAndSave, ingestNotices, readingNotices, saveExtracted, saveResolved, countWords, extract, forgetResolver, INGEST_BATCH_DOCS, HEAP_SOFT_LIMIT, type IngestEvent, type IngestSummary, type ProcessResult } from './ingest.js';
export { reprocess, selectForReprocess, type ReprocessEvent, type ReprocessOptions, type ReprocessSummary } from './reprocess.js';
