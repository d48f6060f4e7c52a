import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldError, InvalidInputError } from '../errors/domain-errors';

/** Flattens nested class-validator errors into `{ field: 'a.b', message }` pairs. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

/**
 * Strict DTO validation for every body, query and param: unknown fields are refused rather than
 * silently dropped, so a misspelt field name is reported instead of ignored.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidInputError(toFieldErrors(errors)),
  });
}
