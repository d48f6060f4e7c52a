import pino from 'pino';

const REDACTED = '[redacted]';

/** Query-string parameters whose values are credentials; matched case-insensitively on the name. */
const SECRET_PARAM = /(token|secret|password|passwd|pwd|api[-_]?key|apikey|^key$|signature|^sig$|auth|credential|session|jwt|^code$)/i;

/**
 * Personal data and secrets that turn up inside error messages, SQL details and stacks: a unique
 * violation's "Key (email)=(dana@…)", a failed INSERT's parameters, a token pasted into a URL.
 */
const PATTERNS: [RegExp, string][] = [
  [/\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}/g, '[bcrypt-hash]'],
  [/\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}/g, '[jwt]'],
  [/[\w.+%-]+(?:@|%40)[\w-]+(\.[\w-]+)+/g, '[email]'],
  [/\+[1-9]\d{7,14}\b/g, '[phone]'],
  [/(?<![\d.:-])1?\d{10}(?![\d.:-])/g, '[phone]'],
];

export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** The URL with credential-like query values replaced, for logs and error_logs.path. */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt < 0) return redactText(url);
  const path = url.slice(0, queryAt);
  const query = url
    .slice(queryAt + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      let name = pair.slice(0, eq);
      try {
        name = decodeURIComponent(name);
      } catch {
        // A malformed escape: keep the raw name for matching.
      }
      return SECRET_PARAM.test(name) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
    })
    .join('&');
  return redactText(`${path}?${query}`);
}

/** Every string inside a plain value, redacted; depth-bounded so a cyclic or huge context cannot hang logging. */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = redactDeep(item, depth + 1);
  return out;
}

/**
 * pino's error serializer minus what a database error carries about the row: TypeORM's
 * QueryFailedError holds the statement's `parameters` (emails, password hashes, phones) and the
 * driver error's `detail` repeats the offending value. Parameters are dropped; all text redacted.
 */
export function redactingErrorSerializer(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (!serialized || typeof serialized !== 'object') return serialized;
  const { parameters: _parameters, driverError, ...rest } = serialized;
  const driver = driverError && typeof driverError === 'object' ? (driverError as Record<string, unknown>) : null;
  return redactDeep({
    ...rest,
    ...(driver ? { driverError: { code: driver.code, constraint: driver.constraint, table: driver.table, column: driver.column, detail: driver.detail } } : {}),
  });
}
