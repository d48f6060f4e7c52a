import { QueryFailedError } from 'typeorm';
import { ConflictError, type DomainError, MalformedRequestError } from './domain-errors';

/** SQLSTATE codes a user's input can legitimately cause; anything else is our bug. */
const UNIQUE_VIOLATION = '23505';
const EXCLUSION_VIOLATION = '23P01';
const FOREIGN_KEY_VIOLATION = '23503';
const NOT_NULL_VIOLATION = '23502';
const CHECK_VIOLATION = '23514';
const STRING_TOO_LONG = '22001';

/**
 * A last line of defence: services translate the constraint violations they expect into errors that
 * name the field. This only makes sure an unforeseen one still reads as a 4xx without exposing SQL,
 * table or constraint names: class 22 (data exception: a value Postgres cannot take, such as an out
 * of range number, a bad encoding or an unknown time zone) is the input's fault, 400; class 23
 * (integrity) is a 409 unless the value itself was missing or invalid.
 */
export function mapDatabaseError(error: unknown): DomainError | null {
  if (!(error instanceof QueryFailedError)) return null;
  const code = (error.driverError as { code?: string } | undefined)?.code;
  switch (code) {
    case UNIQUE_VIOLATION:
      return new ConflictError('This conflicts with an existing record');
    case EXCLUSION_VIOLATION:
      return new ConflictError('This time overlaps an existing appointment');
    case FOREIGN_KEY_VIOLATION:
      return new ConflictError('This refers to a record that does not exist or is still in use');
    case NOT_NULL_VIOLATION:
      return new MalformedRequestError('A required value is missing');
    case CHECK_VIOLATION:
      return new MalformedRequestError('A value is not one of those allowed');
    case STRING_TOO_LONG:
      return new MalformedRequestError('A value is longer than allowed');
  }
  if (code?.startsWith('22')) return new MalformedRequestError('A value is not valid for its field');
  if (code?.startsWith('23')) return new ConflictError('This conflicts with an existing record');
  return null;
}

export function sqlStateOf(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) return (error.driverError as { code?: string } | undefined)?.code;
  return (error as { code?: string } | undefined)?.code;
}
