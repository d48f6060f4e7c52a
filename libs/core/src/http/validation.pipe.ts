import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldError, InvalidInputError } from '../errors/domain-errors';

/**
 * Which failed rule explains a bad value best: an unknown field first, then a wrong type, then
 * membership; anything else in declaration order. One message per field, not every rule it broke.
 */
const FIRST_REASONS = ['whitelistValidation', 'isDefined', 'isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject', 'isIn', 'isEnum'];

function messageFor(error: ValidationError, field: string): string | null {
  const constraints = error.constraints ?? {};
  const names = Object.keys(constraints);
  if (names.length === 0) return null;
  if (names.includes('whitelistValidation')) return `${field} is not a field of this request`;
  // A missing field (or null where a value is required) fails every rule; say what actually happened.
  if (error.value === undefined) return `${field} is required`;
  if (error.value === null) return `${field} must not be null`;
  const chosen = FIRST_REASONS.find((name) => names.includes(name)) ?? names[0];
  return constraints[chosen];
}

/** Flattens nested class-validator errors into one `{ field: 'a.b', message }` per bad field. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const message = messageFor(error, field);
    return [...(message ? [{ field, message }] : []), ...toFieldErrors(error.children ?? [], field)];
  });
}

/**
 * Strict DTO validation for every body, query and param: unknown fields are refused rather than
 * silently dropped, so a misspelt field name is reported instead of ignored. The value is kept on the
 * error only to tell "missing" from "wrong"; it is never echoed back.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new InvalidInputError(toFieldErrors(errors)),
  });
}
