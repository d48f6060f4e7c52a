import { Transform } from 'class-transformer';

/**
 * A query number read one strict way, like ids in a path: plain decimal digits, optionally signed
 * ("0x10", "1e1", "1.0", " 1" stay strings, so @IsInt refuses them with a message naming the field).
 * `@Type(() => Number)` would read all of those as numbers, and `page=0x10` would quietly be page 16.
 */
export function DecimalInteger(): PropertyDecorator {
  return Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
    const raw = obj[key];
    return typeof raw === 'string' && /^-?\d{1,15}$/.test(raw) ? Number(raw) : raw;
  });
}
