import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, CoreModule, type CoreOptions } from '@ringlypro/core';
import { DOMAIN_MODULES } from '../../api/src/domain-modules';

/** The queue worker: the same domain modules as the API, without HTTP, running the job handlers. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, options: Omit<CoreOptions, 'processJobs'> = {}): DynamicModule {
    return { module: WorkerModule, imports: [CoreModule.forRoot(config, { ...options, processJobs: true }), ...DOMAIN_MODULES] };
  }
}
