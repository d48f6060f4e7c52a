import { ValidateBy, type ValidationOptions } from 'class-validator';

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
