import { PermanentJobError } from '@ringlypro/core';
import type { DeliveryOutcome } from '../outbound/sms-delivery.service';

/**
 * Turns a delivery outcome, already recorded in the committed transaction, into the job's result:
 * permanent failures stop the retries, transient ones ask for another attempt.
 */
export function settle<T extends { delivery?: DeliveryOutcome }>(result: T): T {
  const outcome = result.delivery;
  if (outcome?.kind === 'failed-permanently') throw new PermanentJobError(outcome.reason);
  if (outcome?.kind === 'failed-transiently') throw outcome.error;
  return result;
}
