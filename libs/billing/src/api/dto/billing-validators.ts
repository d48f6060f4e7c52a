import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A real calendar date 'YYYY-MM-DD' between 2000 and 2100 (beyond that no ledger exists, and Date math stays exact). */
export function isLocalDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  if (y < 2000 || y > 2100) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function IsLocalDate(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isLocalDate',
      validator: {
        validate: isLocalDate,
        defaultMessage: (args) => `${args?.property} must be a calendar date as YYYY-MM-DD between 2000 and 2100`,
      },
    },
    options,
  );
}

// Control characters (NUL included) and UTF-16 surrogates that are not part of a pair: Postgres refuses
// the first in text, and the second cannot be encoded as UTF-8 at all.
const UNSAFE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Free text a person wrote (an adjustment's reason): no control characters, no broken surrogates. */
export function IsSafeText(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isSafeText',
      validator: {
        validate: (value) => typeof value === 'string' && !UNSAFE_TEXT.test(value),
        defaultMessage: (args) => `${args?.property} must be plain text without control characters`,
      },
    },
    options,
  );
}

/** A dollar amount as a string with at most two decimals, within [min, max]. */
export function IsDollarAmount(min: number, max: number, options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isDollarAmount',
      validator: {
        validate: (value) => typeof value === 'string' && /^\d{1,6}(\.\d{1,2})?$/.test(value) && Number(value) >= min && Number(value) <= max,
        defaultMessage: (args) => `${args?.property} must be a dollar amount as a string such as "25.00", from ${min.toFixed(2)} to ${max.toFixed(2)}`,
      },
    },
    options,
  );
}
