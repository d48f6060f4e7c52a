import 'reflect-metadata';
import { validateEnvironment } from '@ringlypro/core';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { createApiApp } from '../../apps/api/src/create-api-app';

/**
 * The product as `npm start` runs it, in a process of its own so the load generator never shares its
 * event loop: configured from the environment the benchmark hands it, it tells its parent the port.
 * It also counts the SQL statements it sends (every pg query, TypeORM's included) and the requests it
 * served, which the parent asks for around each webhook's runs: round trips are what a webhook costs most.
 */
let statements = 0;
let requests = 0;
const query = Client.prototype.query;
Client.prototype.query = function countedQuery(this: Client, ...args: unknown[]) {
  statements++;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof Client.prototype.query;

async function main(): Promise<void> {
  const config = validateEnvironment(process.env);
  const app = await createApiApp(config, { processJobs: false });
  await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
  app.getHttpServer().on('request', () => requests++);
  process.on('message', (message: { statements?: boolean }) => {
    if (message.statements) process.send?.({ statements, requests });
  });
  process.send?.({ port: (app.getHttpServer().address() as AddressInfo).port });
  process.on('disconnect', () => void app.close().finally(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
