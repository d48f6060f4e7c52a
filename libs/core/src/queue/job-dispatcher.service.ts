import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleInit, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { RequestContext } from '../context/request-context';
import { ErrorLogService } from '../errors/error-log.service';
import { LOGGER, type Logger } from '../logging/logger';
import type { JobContext, QueueRegistry } from './job-definition';
import { JOB_HANDLER, type JobHandlerInstance } from './job-handler.decorator';
import { buildHandlerMap } from './job-handler-registry';
import { PermanentJobError } from './permanent-job-error';
import { QUEUE_DRIVER, type QueueDriver } from './queue-driver';

export const QUEUE_REGISTRY_TOKEN = Symbol('QUEUE_REGISTRY');
export const PROCESS_JOBS = Symbol('PROCESS_JOBS');

/**
 * Finds the @JobHandler providers, checks them against the registry at boot, and — in a process
 * that runs jobs — feeds the driver's jobs to them, each inside its own context (request id
 * `job:<id>`, and the payload's client_id, so logs and error records name the tenant).
 */
@Injectable()
export class JobDispatcher implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private handlers = new Map<string, JobHandlerInstance>();

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(QUEUE_DRIVER) private readonly driver: QueueDriver,
    @Inject(QUEUE_REGISTRY_TOKEN) private readonly registry: QueueRegistry,
    @Inject(PROCESS_JOBS) private readonly processJobs: boolean,
    private readonly errorLog: ErrorLogService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    const discovered = this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.metatype && wrapper.instance)
      .map((wrapper) => ({ wrapper, name: Reflect.getMetadata(JOB_HANDLER, wrapper.metatype!) as string | undefined }))
      .filter((entry): entry is typeof entry & { name: string } => typeof entry.name === 'string')
      .map(({ wrapper, name }) => ({ name, owner: wrapper.name as string, instance: wrapper.instance as JobHandlerInstance }));
    this.handlers = buildHandlerMap(Object.keys(this.registry.jobs), discovered);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.processJobs) return;
    await this.driver.startProcessing((name, payload, context) => this.dispatch(name, payload, context));
    this.logger.info({ driver: this.driver.kind, jobs: [...this.handlers.keys()] }, 'processing jobs');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.driver.close();
  }

  async dispatch(name: string, payload: unknown, context: JobContext): Promise<unknown> {
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`No handler for job "${name}"`);
    const clientId = (payload as { client_id?: unknown } | null)?.client_id;
    const store = { requestId: `job:${context.jobId}`, clientId: typeof clientId === 'number' ? clientId : undefined };
    return RequestContext.run(store, async () => {
      try {
        return await handler.handle(payload, context);
      } catch (error) {
        const final = context.attempt >= context.maxAttempts || error instanceof PermanentJobError;
        if (final) await this.errorLog.record({ error, source: 'job', context: { job: name, job_id: context.jobId, attempt: context.attempt } });
        else this.logger.warn({ err: error, job: name, job_id: context.jobId, attempt: context.attempt }, 'job failed; will retry');
        throw error;
      }
    });
  }
}
