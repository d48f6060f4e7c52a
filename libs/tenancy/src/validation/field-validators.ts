import { isDialableBusinessLine, isRegionTimeZone, minutesOfDay, parseBusinessDays, formatBusinessDays, toE164 } from '@ringlypro/core';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';

/** Trims strings; other types pass through untouched for the type validators to refuse. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** Trims and lower-cases an email address before validation and storage. */
export const NormalizeEmail = () => Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));

/** Turns any common US format into E.164 before validation; what cannot be read stays as it was and fails. */
export const NormalizePhone = () => Transform(({ value }) => (typeof value === 'string' ? (toE164(value) ?? value) : value));

export function IsPhoneNumber(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isPhoneNumber',
      validator: {
        validate: (value) => typeof value === 'string' && /^\+[1-9]\d{7,14}$/.test(value),
        defaultMessage: (args) => `${args?.property} must be a phone number such as (656) 600-1400 or +16566001400`,
      },
    },
    options,
  );
}

/** business_phone / owner_phone: US or Canadian lines only (see isDialableBusinessLine for why). */
export function IsNorthAmericanPhone(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isNorthAmericanPhone',
      validator: {
        validate: (value) => isDialableBusinessLine(value),
        defaultMessage: (args) => `${args?.property} must be a US or Canadian phone number such as (656) 600-1400 or +16566001400`,
      },
    },
    options,
  );
}

export function IsTimeZone(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isTimeZone',
      validator: {
        validate: (value) => isRegionTimeZone(value),
        defaultMessage: (args) => `${args?.property} must be an IANA region time zone such as America/New_York (not an abbreviation or fixed offset such as EST or UTC)`,
      },
    },
    options,
  );
}

export function IsClockTime(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isClockTime',
      validator: {
        validate: (value) => typeof value === 'string' && /^\d{2}:\d{2}$/.test(value) && minutesOfDay(value) !== null,
        defaultMessage: (args) => `${args?.property} must be a time as HH:MM, e.g. 09:00`,
      },
    },
    options,
  );
}

/** Canonicalises "mon-fri" → "Mon-Fri" before validation; unreadable text stays and fails. */
export const NormalizeBusinessDays = () =>
  Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    const days = parseBusinessDays(value);
    return days && days.size > 0 ? formatBusinessDays(days) : value;
  });

export function IsBusinessDays(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isBusinessDays',
      validator: {
        validate: (value) => typeof value === 'string' && value.length <= 20 && (parseBusinessDays(value)?.size ?? 0) > 0,
        defaultMessage: (args) => `${args?.property} must list weekdays such as Mon-Fri, Mon-Sat or Mon,Wed,Fri`,
      },
    },
    options,
  );
}

/**
 * For PATCH bodies: the field may be left out, but null is not a value for it. (@IsOptional lets
 * null through, which would write NULL into a setting that has no meaning without a value.)
 */
export const OptionalNotNull = () => ValidateIf((_object, value) => value !== undefined);
