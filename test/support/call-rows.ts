import { TenantContext } from '@ringlypro/core';
import { inboundCallsStatement } from '@ringlypro/telephony';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** A fresh, well-formed Twilio CallSid. */
export const callSid = () => 'CA' + randomBytes(16).toString('hex');

/**
 * Logs an inbound call in the current tenant's transaction, as the webhooks do, and returns its id.
 * `as` forges another tenant's id on the row (row-level security must refuse it).
 */
export async function logCall(manager: EntityManager, sid: string, as?: number): Promise<number> {
  const { sql, params } = inboundCallsStatement(as ?? TenantContext.current().clientId, [{ callSid: sid, from: '+13105550199', to: '+12125550100', status: 'ringing', startTime: new Date() }]);
  const [row] = (await manager.query(sql, [...params])) as Array<{ id: number }>;
  return Number(row.id);
}
