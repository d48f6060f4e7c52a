import { createHash } from 'node:crypto';

export interface FingerprintParts {
  clientId: number | null;
  source: string;
  method?: string;
  path?: string;
  errorName: string;
  message: string;
}

/**
 * What makes two errors "the same" for error_logs: where (source, method, the path with its query
 * dropped and numbers and long tokens generalised, so /api/contacts/17 and /api/contacts/18 match),
 * for whom, and what (error name and message, numbers generalised). A flood of one failure becomes
 * one row a minute, whatever ids or values it is replayed with.
 */
export function errorFingerprint(parts: FingerprintParts): string {
  const general = (text: string) => text.replace(/[0-9a-f]{8,}/gi, '#').replace(/\d+/g, '#');
  const path = parts.path ? general(parts.path.split('?')[0]).slice(0, 300) : '';
  return createHash('sha256')
    .update([parts.clientId ?? '', parts.source, parts.method ?? '', path, parts.errorName, general(parts.message).slice(0, 500)].join('\u0001'))
    .digest('hex');
}
