import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import {
  AllExceptionsFilter,
  type AppConfig,
  CoreModule,
  type CoreOptions,
  createValidationPipe,
  SuccessEnvelopeInterceptor,
} from '@ringlypro/core';
import { DOMAIN_MODULES } from './domain-modules';
import { HealthModule } from './health/health.module';
import { RootController } from './root/root.controller';

/** The HTTP application: dashboard REST, Twilio webhooks, Swagger and health. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, options: CoreOptions & { extraImports?: Array<Type | DynamicModule> }): DynamicModule {
    return {
      module: ApiModule,
      imports: [CoreModule.forRoot(config, options), ...DOMAIN_MODULES, HealthModule, ...(options.extraImports ?? [])],
      controllers: [RootController],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_INTERCEPTOR, useClass: SuccessEnvelopeInterceptor },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
