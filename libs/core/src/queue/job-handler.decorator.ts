import { SetMetadata } from '@nestjs/common';
import type { JobContext } from './job-definition';

export const JOB_HANDLER = 'ringlypro:job-handler';

/** Marks an injectable as the one handler of a job kind; boot fails on a kind with none or two. */
export const JobHandler = (name: string) => SetMetadata(JOB_HANDLER, name);

export interface JobHandlerInstance<P = unknown> {
  handle(payload: P, context: JobContext): Promise<unknown>;
}
