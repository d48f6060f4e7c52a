import type { AppConfig } from '@ringlypro/core';
import type { DemoLogin } from './demo-seed';

/** What a developer needs after `npm start`: where it runs and how to try it. */
export function printBanner(config: AppConfig, demo: DemoLogin | null): void {
  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `  RinglyPro is running at ${url}`,
    `  Swagger explorer:   ${url}/docs   (OpenAPI JSON: ${url}/docs-json)`,
    `  Health:             ${url}/health`,
    `  Database: ${config.database.kind === 'pglite' ? `embedded PGlite in ${config.database.dataDir ?? 'memory'}` : 'Postgres (DATABASE_URL)'}` +
      `; queue: ${config.redisUrl ? 'Bull on Redis (run the worker: npm run start:worker)' : 'inline, in this process'}` +
      `; Twilio: ${config.twilio ? 'live account' : 'offline simulator'}`,
  ];
  if (demo) {
    lines.push(
      `  Demo owner login (client ${demo.client_id}, "Default Client"): ${demo.email} / ${demo.password ?? '(see data/demo-login.json)'}`,
      `  Rachel's demo number: ${demo.rachel_number}`,
    );
  }
  console.log(lines.join('\n') + '\n');
}
