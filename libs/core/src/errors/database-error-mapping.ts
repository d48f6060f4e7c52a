import { QueryFailedError } from 'typeorm';
import { ConflictError, type DomainError, MalformedRequestError } from './domain-errors';

/** SQLSTATE codes a user's input can legitimately cause; anything else is our bug. */
const UNIQUE_VIOLATION = '23505';
const EXCLUSION_VIOLATION = '23P01';
const FOREIGN_KEY_VIOLATION = '23503';
const STRING_TOO_LONG = '22001';

/**
 * A last line of defence: services translate the constraint violations they expect into errors that
 * name the field. This only makes sure an unforeseen one still reads as a 4xx without exposing SQL,
 * table or constraint names.
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
    case STRING_TOO_LONG:
      return new MalformedRequestError('A value is longer than allowed');
    default:
      return null;
  }
}

export function sqlStateOf(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) return (error.driverError as { code?: string } | undefined)?.code;
  return (error as { code?: string } | undefined)?.code;
}
