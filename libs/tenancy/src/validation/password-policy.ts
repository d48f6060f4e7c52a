import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isCommonPassword } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 10;
/** bcrypt reads only the first 72 bytes; longer passwords would be cut silently, so they are refused. */
export const PASSWORD_MAX_BYTES = 72;

/** Why a new password is refused, or null. One reason at a time: the first rule it breaks. */
export function passwordProblem(password: unknown): string | null {
  if (typeof password !== 'string') return 'must be a string';
  if (password.trim() === '') return 'must not be empty or only spaces';
  if ([...password].length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) return `must be at most ${PASSWORD_MAX_BYTES} bytes (UTF-8)`;
  if (/^\d+$/.test(password)) return 'must not be all digits';
  if (new Set(password).size < 4) return 'must use more than three different characters';
  if (isCommonPassword(password)) return 'is too common; choose one that is not on lists of leaked passwords';
  return null;
}

/** A new password: long enough, not whitespace, not truncated by bcrypt, not a common one. */
export function IsAcceptablePassword(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isAcceptablePassword',
      validator: {
        validate: (value) => passwordProblem(value) === null,
        defaultMessage: (args) => `${args?.property} ${passwordProblem(args?.value) ?? 'is not acceptable'}`,
      },
    },
    options,
  );
}

/** A password being checked at login: only the byte bound, so bcrypt never compares a truncated value. */
export function IsWithinBcryptBytes(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isWithinBcryptBytes',
      validator: {
        validate: (value) => typeof value === 'string' && value.length > 0 && Buffer.byteLength(value, 'utf8') <= PASSWORD_MAX_BYTES,
        defaultMessage: (args) => `${args?.property} must be 1 to ${PASSWORD_MAX_BYTES} bytes`,
      },
    },
    options,
  );
}
