import { Client } from 'pg';

/** Connects to the maintenance database of the server named by `url`, for CREATE/DROP DATABASE. */
export async function withAdminClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function databaseUrl(url: string, name: string): string {
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}

export const TEMPLATE_ENV = 'RINGLYPRO_TEST_TEMPLATE_DB';
