import type { AppConfig } from './app-config';
import { ConfigError } from './config-error';
import { validateEnvironment } from './validate-environment';

/** For entry points: the validated configuration, or exit 1 with the message naming each bad variable. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return validateEnvironment(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
