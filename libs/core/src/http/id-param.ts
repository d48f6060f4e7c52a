import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { Request } from 'express';
import { NotFoundError } from '../errors/domain-errors';

/** Largest Postgres INTEGER: ids beyond it cannot exist, and binding them raises 22003. */
export const MAX_ID = 2_147_483_647;

/**
 * The one reading of an id in a path: plain decimal without sign, leading zero, exponent, fraction,
 * hex or spaces ("0x10", "1e1", "1.0", " 1", "007" are not ids), within INTEGER. Anything else is null.
 */
export function parseId(raw: unknown): number | null {
  if (typeof raw !== 'string' || !/^[1-9]\d{0,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id <= MAX_ID ? id : null;
}

/**
 * Reads the raw path segment itself: a `@Param` would first pass through the global ValidationPipe,
 * which turns '0x10' and '1e1' into numbers before any pipe of ours could refuse them.
 */
const readPathId = createParamDecorator((spec: { name: string; notFound: string }, ctx: ExecutionContext): number => {
  const id = parseId(ctx.switchToHttp().getRequest<Request>().params?.[spec.name]);
  if (id === null) throw new NotFoundError(spec.notFound);
  return id;
});

/** `@IdParam('id', 'Contact not found') id: number`: a strict id, or 404 (the answer a missing row gets). */
export function IdParam(name: string, notFound: string): ParameterDecorator {
  return (target, key, index) => {
    readPathId({ name, notFound })(target, key, index);
    if (key !== undefined) ApiParam({ name, schema: { type: 'integer', minimum: 1, maximum: MAX_ID, example: 41 }, description: `A positive id up to ${MAX_ID}` })(target, key, Object.getOwnPropertyDescriptor(target, key)!);
  };
}
