export { newState, runPipeline, STAGES, PIPELINE_VERSION, type PipelineState, type Stage } from './stages.js';
