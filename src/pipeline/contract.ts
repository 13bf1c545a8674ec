/**
 * The stage contract (issue 11): a stage's `needs` are the layers it reads, its `adds` the layers it
 * writes, its `uses` the context's resources it reads. `traceStage` runs a stage over a read-tracking
 * view of the state and of the context and reports what it really read, wrote and used;
 * `contractErrors` compares that with the declarations; `orderErrors` checks that the declared order
 * gives every stage what it needs (runPipeline checks that too, on every run). The trace runs as a test
 * (stage-contract.test.ts): it costs a snapshot of every layer around every stage.
 */
import { RESOURCE_NAMES, type PipelineContext, type ResourceName } from './context.js';
import type { PipelineState, Stage, StageLayer } from './stages.js';

export { orderErrors } from './stages.js';

/** Layers kept on `state.ann`. */
export const ANN_LAYERS: readonly StageLayer[] = ['sentences', 'mentions', 'dates', 'quantities', 'roles'];
/** Layers kept on the state itself. */
export const STATE_LAYERS: readonly StageLayer[] = ['incidents', 'claims', 'quotes', 'relations', 'placements', 'eventClass'];

export interface StageTrace {
  reads: Set<StageLayer>;
  writes: Set<StageLayer>;
  uses: Set<ResourceName>;
}

const newTrace = (): StageTrace => ({ reads: new Set(), writes: new Set(), uses: new Set() });

function layerValue(state: PipelineState, layer: StageLayer): unknown {
  return (ANN_LAYERS.includes(layer) ? (state.ann as unknown as Record<string, unknown>) : (state as unknown as Record<string, unknown>))[layer];
}

/** Each layer's content as text, to see in-place changes (a stage that edits the mentions it was given). */
function snapshot(state: PipelineState): Map<StageLayer, string> {
  const out = new Map<StageLayer, string>();
  for (const l of [...ANN_LAYERS, ...STATE_LAYERS]) out.set(l, JSON.stringify(layerValue(state, l)) ?? 'undefined');
  return out;
}

/** A view of `target` that records reads and assignments of the named layers. */
function tracked<T extends object>(target: T, layers: readonly StageLayer[], trace: StageTrace, inner?: { key: string; view: object }): T {
  const isLayer = (p: string | symbol): p is StageLayer => typeof p === 'string' && layers.includes(p as StageLayer);
  return new Proxy(target, {
    get(t, p) {
      if (inner && p === inner.key) return inner.view;
      if (isLayer(p)) trace.reads.add(p);
      return Reflect.get(t, p);
    },
    set(t, p, v) {
      if (isLayer(p)) trace.writes.add(p);
      return Reflect.set(t, p, v);
    },
  });
}

/**
 * A view of the context that records which resources are read. The getters run on the context itself,
 * so a resource built from another (the actor lexicon reads the gazetteer) counts only as itself.
 */
function trackedContext(ctx: PipelineContext, trace: StageTrace): PipelineContext {
  const isResource = (p: string | symbol): p is ResourceName => typeof p === 'string' && (RESOURCE_NAMES as readonly string[]).includes(p);
  return new Proxy(ctx, {
    get(t, p) {
      if (isResource(p)) trace.uses.add(p);
      return Reflect.get(t, p, t);
    },
  });
}

/** Runs one stage on `state` (which it changes, as the pipeline would) and returns what it read, wrote and used. */
export function traceStage(stage: Stage, state: PipelineState, ctx: PipelineContext): StageTrace {
  const trace = newTrace();
  const before = snapshot(state);
  const ann = tracked(state.ann, ANN_LAYERS, trace);
  stage.run(tracked(state, STATE_LAYERS, trace, { key: 'ann', view: ann }), trackedContext(ctx, trace));
  for (const [layer, text] of snapshot(state)) if (before.get(layer) !== text) trace.writes.add(layer);
  return trace;
}

/** Runs the stages in order over a fresh state and merges each stage's trace into `traces` (keyed by name). */
export function traceRun(stages: readonly Stage[], state: PipelineState, ctx: PipelineContext, traces: Map<string, StageTrace>): void {
  for (const stage of stages) {
    const t = traceStage(stage, state, ctx);
    const all = traces.get(stage.name) ?? newTrace();
    for (const r of t.reads) all.reads.add(r);
    for (const w of t.writes) all.writes.add(w);
    for (const u of t.uses) all.uses.add(u);
    traces.set(stage.name, all);
  }
}

const VERBS = { needs: 'reads', adds: 'writes', uses: 'uses' } as const;

function differences<T extends string>(stage: string, what: 'needs' | 'adds' | 'uses', declared: readonly T[], seen: Set<T>): string[] {
  const verb = VERBS[what];
  const errs: string[] = [];
  for (const l of seen) if (!declared.includes(l)) errs.push(`${stage} ${verb} ${l} but its ${what} do not say so`);
  for (const l of declared) if (!seen.has(l)) errs.push(`${stage} declares ${what} ${l} but never ${verb} it`);
  return errs;
}

/** Where declarations and traces (merged over several documents) disagree; empty when every stage tells the truth. */
export function contractErrors(stages: readonly Stage[], traces: Map<string, StageTrace>): string[] {
  const errs: string[] = [];
  for (const s of stages) {
    const t = traces.get(s.name);
    if (!t) {
      errs.push(`${s.name} was never run`);
      continue;
    }
    errs.push(...differences(s.name, 'needs', s.needs, t.reads), ...differences(s.name, 'adds', s.adds, t.writes), ...differences(s.name, 'uses', s.uses, t.uses));
  }
  return errs;
}
