import { Injectable } from '@nestjs/common';
import { type AdmissionDecision, CallAdmission } from './call-admission';

/**
 * PLACEHOLDER until the billing issue lands its metered adapter: admits every call without limit.
 * It exists only so the voice conversation can be built against the CallAdmission port in parallel.
 */
@Injectable()
export class UnmeteredCallAdmission extends CallAdmission {
  async admit(): Promise<AdmissionDecision> {
    return { admitted: true };
  }

  async secondsLeft(): Promise<number> {
    return Number.MAX_SAFE_INTEGER;
  }
}
