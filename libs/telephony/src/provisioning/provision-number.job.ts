import { Injectable } from '@nestjs/common';
import { type JobContext, JobHandler, type JobHandlerInstance, JobName, type JobPayloads, PermanentJobError } from '@ringlypro/core';
import { TelephonyError } from '../twilio/telephony-error';
import { NumberProvisioner, type ProvisionOutcome } from './number-provisioner.service';

type Payload = JobPayloads[JobName.ProvisionNumber];

/**
 * Runs provisioning out of band. Transient failures (rate limits, outages, a database hiccup) are
 * retried with the registry's backoff; after the last attempt, or at once for a failure retrying
 * cannot fix (bad credentials, a refused request), the client's number_status becomes 'failed'
 * with the reason kept.
 */
@Injectable()
@JobHandler(JobName.ProvisionNumber)
export class ProvisionNumberJob implements JobHandlerInstance<Payload> {
  constructor(private readonly provisioner: NumberProvisioner) {}

  async handle(payload: Payload, context: JobContext): Promise<ProvisionOutcome> {
    try {
      return await this.provisioner.provision(payload.client_id);
    } catch (error) {
      const permanent = error instanceof TelephonyError && !error.retryable;
      if (permanent || context.attempt >= context.maxAttempts) {
        const reason = error instanceof TelephonyError ? error.message : 'Provisioning failed after several attempts; please try again';
        await this.provisioner.markFailed(payload.client_id, reason);
      }
      if (permanent) throw new PermanentJobError((error as Error).message);
      throw error;
    }
  }
}

