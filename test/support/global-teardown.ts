import { TEMPLATE_ENV, withAdminClient } from './postgres-admin';

export default async function globalTeardown(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const name = process.env[TEMPLATE_ENV];
  if (!url || !name) return;
  await withAdminClient(url, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
