import type { PipelineContext } from '../pipeline/context.js';

/** One row of an evaluation table: a field or role, or the overall figure. */
export interface EvalRow {
  name: string;
  precision?: number;
  recall?: number;
  f1?: number;
  accuracy?: number;
  support: number;
}

export interface EvalResult {
  dataset: string;
  /** Path the data came from. */
  data: string;
  items: number;
  rows: EvalRow[];
  overall: EvalRow;
  /** Free-text notes: metric definitions, what was skipped and why. */
  notes: string[];
  /** Predictions keyed by the dataset's own ids, in the dataset's shape. */
  predictions: Record<string, unknown>;
  seconds: number;
}

export interface EvalOptions {
  /** Only the first N items (for quick runs). */
  limit?: number;
  /** Score the learned model where the dataset has one (polnear: models/attribution.json). */
  model?: boolean;
  /** The models and data the pipeline runs with (a trainer's dev run); the shipped ones by default. */
  ctx?: PipelineContext;
}

export interface Dataset {
  name: string;
  description: string;
  /** What `--data` names: the dataset's file (a CSV, TSV or JSONL), its folder, or either; checked before the run. */
  input: 'file' | 'folder' | 'either';
  run(dataPath: string, options: EvalOptions): EvalResult | Promise<EvalResult>;
}
