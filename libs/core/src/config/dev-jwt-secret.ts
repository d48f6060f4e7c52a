import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Outside production a JWT secret is generated once and kept under the data directory, so tokens
 * survive restarts without a secret ever being committed to the repository.
 */
export function loadOrCreateDevJwtSecret(dataDir: string): string {
  return loadOrCreateSecret(dataDir, 'dev-jwt-secret');
}

/** A random secret generated on first use and kept in `dataDir/name`. */
export function loadOrCreateSecret(dataDir: string, name: string): string {
  const file = join(dataDir, name);
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
