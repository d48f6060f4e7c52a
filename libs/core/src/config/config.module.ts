import { Global, Module } from '@nestjs/common';
import { APP_CONFIG } from './app-config';
import { validateEnvironment } from './validate-environment';

/** Validates the environment once, when the module graph is built, and shares the result. */
@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: () => validateEnvironment(process.env) }],
  exports: [APP_CONFIG],
})
export class ConfigModule {}
