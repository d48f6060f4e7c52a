import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { validateEnvironment } from '@ringlypro/core';
import { createApiApp } from '../apps/api/src/create-api-app';
import { buildOpenApiDocument } from '../apps/api/src/openapi/swagger';

/**
 * `npm run openapi`: writes openapi.json from the code, on a throwaway in-memory database, so API
 * changes show up in review as a diff of this file.
 */
async function main(): Promise<void> {
  const config = validateEnvironment({ NODE_ENV: 'test' });
  const app = await createApiApp(config, { processJobs: false });
  await app.init();
  const document = buildOpenApiDocument(app);
  writeFileSync('openapi.json', JSON.stringify(document, null, 2) + '\n');
  await app.close();
  console.log(`openapi.json: ${Object.keys(document.paths).length} paths`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
