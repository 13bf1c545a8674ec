/**
 * The pipeline stage that classifies events by ACLED sub-event type.
 *
 * Exposed two ways:
 * - `state.eventClass`: the document's own class — the classifier run on the
 *   lead of the stored text (the first MAX_CHARS characters), for wire
 *   snippets and short reports where one event dominates;
 * - on each incident report, `type.value.acledSubEventCode` and
 *   `type.value.classifier` ({label, score}): the classifier run on the
 *   incident's anchor sentence. The extractor's own `acledSubEvent` (derived
 *   from its trigger kind) is left as it was; the code is a second opinion
 *   that also covers classes the extractor has no kind for.
 *
 * The adapter lives in src/pipeline, not src/classify: the classifier knows nothing of the pipeline's state.
 */
import { classifyEvent } from '../classify/events.js';
import type { LinearModel } from '../learn/linear.js';
import type { PipelineState } from './stages.js';

export const EVENT_CLASS_STAGE = 'event-class';

/**
 * Sets `state.eventClass` and each incident's classifier reading, with the context's event model.
 *
 * The document's own class is defined here but read on first use (then kept as a plain value): ingest
 * stores no document class (it stores each incident's), and reading every document's lead with the
 * model and its expert was about a tenth of the pipeline's CPU on MUC-4 (issue 11: −8 % in
 * ingest-ab). `dossier eval --dataset case2021` and anything else that reads `state.eventClass` gets
 * the same value as before; the classifier's inputs (the text and the model) do not change after
 * this stage.
 */
export function classifyState(state: PipelineState, model: LinearModel | null): void {
  const text = state.doc.text;
  Object.defineProperty(state, 'eventClass', {
    configurable: true,
    enumerable: true,
    get(this: PipelineState) {
      const doc = classifyEvent(text, model);
      const value = doc ? { label: doc.label, score: doc.score, reason: doc.reason } : undefined;
      Object.defineProperty(this, 'eventClass', { configurable: true, enumerable: true, writable: true, value });
      return value;
    },
    set(this: PipelineState, value: PipelineState['eventClass']) {
      Object.defineProperty(this, 'eventClass', { configurable: true, enumerable: true, writable: true, value });
    },
  });
  const seen = new Map<string, ReturnType<typeof classifyEvent>>();
  for (const r of state.incidents) {
    // Several incidents often share an anchor sentence: classify each once.
    const key = `${r.anchor.start}:${r.anchor.end}`;
    if (!seen.has(key)) seen.set(key, classifyEvent(text.slice(r.anchor.start, r.anchor.end), model));
    const c = seen.get(key);
    if (!c) continue;
    r.type.value.acledSubEventCode = c.label;
    r.type.value.classifier = { label: c.label, score: c.score };
  }
}
