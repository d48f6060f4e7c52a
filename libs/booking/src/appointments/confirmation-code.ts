import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: codes are read aloud on the phone and typed from a text. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 8;

/** 31^8 ≈ 8.5 × 10^11 codes from the OS's CSPRNG: unguessable, and collisions are retried. */
export function newConfirmationCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export function isConfirmationCode(value: string): boolean {
  return value.length === CODE_LENGTH && [...value].every((c) => CODE_ALPHABET.includes(c));
}
