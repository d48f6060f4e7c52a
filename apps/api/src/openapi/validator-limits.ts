import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';

type Schema = Record<string, unknown>;
/** A class, as class-validator and the reflection metadata see it. */
type Constructor = abstract new (...args: never[]) => unknown;
interface ValidationMeta {
  name?: string;
  type: string;
  propertyName: string;
  constraints?: unknown[];
}

/**
 * What each class-validator rule tells a reader of the schema. The validators stay the one source of
 * truth; this copies their limits into the documentation, so a DTO added later is documented with
 * its limits without repeating them in @ApiProperty. Phones accept common national formats before
 * normalisation, so they get a length and a format name rather than the E.164 pattern.
 */
const LIMITS: Record<string, (c: unknown[]) => Schema> = {
  maxLength: ([n]) => ({ maxLength: n }),
  minLength: ([n]) => ({ minLength: n }),
  isLength: ([min, max]) => ({ minLength: min, ...(max !== undefined ? { maxLength: max } : {}) }),
  min: ([n]) => ({ minimum: n }),
  max: ([n]) => ({ maximum: n }),
  isIn: ([values]) => ({ enum: values }),
  matches: ([pattern]) => ({ pattern: pattern instanceof RegExp ? pattern.source : String(pattern) }),
  isEmail: () => ({ format: 'email' }),
  isUrl: () => ({ format: 'uri' }),
  isPhoneNumber: () => ({ format: 'phone', maxLength: 32 }),
  isNorthAmericanPhone: () => ({ format: 'phone', maxLength: 32 }),
  isTimeZone: () => ({ maxLength: 50 }),
  isClockTime: () => ({ pattern: '^\\d{2}:\\d{2}$' }),
  isBusinessDays: () => ({ maxLength: 20 }),
  isDateString: () => ({ format: 'date' }),
  isISO8601: () => ({ format: 'date' }),
  isCalendarDate: () => ({ format: 'date' }),
  isLocalDate: () => ({ format: 'date' }),
  isDollarAmount: () => ({ pattern: '^\\d{1,6}(\\.\\d{1,2})?$' }),
};

/**
 * The classes routes take (their bodies and queries), by name, each with the rules of its whole
 * prototype chain — `UpdateContactDto extends PartialType(CreateContactDto)` owns no rule itself.
 * Found from the controllers' parameter types, since class-validator keys its rules by constructor.
 */
function routeClasses(app: INestApplication): Map<string, ValidationMeta[]> {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Constructor, ValidationMeta[]> };
  const byName = new Map<string, ValidationMeta[]>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      const proto = (metatype as Constructor | null)?.prototype as Record<string, unknown> | undefined;
      if (!proto) continue;
      for (const method of Object.getOwnPropertyNames(proto)) {
        const types = (Reflect.getMetadata('design:paramtypes', proto, method) ?? []) as Constructor[];
        for (const type of types) {
          if (typeof type !== 'function' || byName.has(type.name)) continue;
          const rules: ValidationMeta[] = [];
          for (let c: Constructor | null = type; c && c !== Function.prototype; c = Object.getPrototypeOf(c) as Constructor | null) {
            rules.push(...(storage.validationMetadatas.get(c) ?? []));
          }
          if (rules.length) byName.set(type.name, rules);
        }
      }
    }
  }
  return byName;
}

/** Adds every validator's limit the schema does not state yet (an explicit @ApiProperty wins). */
export function addValidatorLimits(app: INestApplication, document: OpenAPIObject): OpenAPIObject {
  const classes = routeClasses(app);
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    const metas = classes.get(name);
    const properties = (schema as Schema).properties as Record<string, Schema> | undefined;
    if (!metas || !properties) continue;
    for (const meta of metas) {
      const property = properties[meta.propertyName];
      const limit = LIMITS[meta.name ?? meta.type];
      if (!property || !limit) continue;
      const target = property.type === 'array' && property.items ? (property.items as Schema) : property;
      for (const [key, value] of Object.entries(limit(meta.constraints ?? []))) if (target[key] === undefined) target[key] = value;
    }
  }
  return document;
}
