/** Review writes: one audit record each, through POST /api/incidents/{id}/review. */
import type { ReviewAction, ReviewRecord } from '../../../src/review/types.js';
import { send } from '../api.js';

export async function review(incidentId: number, action: ReviewAction, reason?: string): Promise<ReviewRecord> {
  const body = { ...action, ...(reason ? { reason } : {}) };
  const res = await send<{ record: ReviewRecord }>('POST', `/api/incidents/${incidentId}/review`, body);
  return res.record;
}
