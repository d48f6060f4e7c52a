// The product as production runs it (`node dist/apps/api/src/main.js`, the Docker image's command):
// compiled JavaScript, no ts-node. ts-node's REPL loads node:domain, which slows every EventEmitter
// of the process, so measuring through it would charge the product for the development runner.
import 'reflect-metadata';
import pg from 'pg';
import core from '../../dist/libs/core/src/index.js';
import api from '../../dist/apps/api/src/create-api-app.js';
import { replyWithCounters } from './counters-reply.mjs';

/**
 * The product in a process of its own so the load generator never shares its event loop: configured
 * from the environment the benchmark hands it, it tells its parent the port. It also counts the SQL
 * messages it sends (every pg query, TypeORM's included; a group-committed batch is one), the
 * requests it served and the CPU time it has used, which the parent asks for around each run (server-counters.ts).
 */
let statements = 0;
let requests = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(...args) {
  statements++;
  return query.apply(this, args);
};

const config = core.validateEnvironment(process.env);
const app = await api.createApiApp(config, { processJobs: false });
await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
app.getHttpServer().on('request', () => requests++);
replyWithCounters(() => ({ statements, requests }));
process.send?.({ port: app.getHttpServer().address().port });
process.on('disconnect', () => void app.close().finally(() => process.exit(0)));
