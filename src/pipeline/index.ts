export { newState, runPipeline, STAGES, PIPELINE_VERSION, type PipelineState, type Stage } from './stages.js';
export { ingestPaths, processAndSave, saveExtracted, saveResolved, countWords, INGEST_BATCH_DOCS, HEAP_SOFT_LIMIT, type IngestEvent, type IngestSummary } from './ingest.js';
