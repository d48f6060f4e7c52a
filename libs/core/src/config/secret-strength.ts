/**
 * Values that appear in docs, examples and tutorials. A secret anyone can read in a public file lets
 * anyone forge a token for any tenant, so these are refused whatever their length.
 * Compared case-insensitively after removing separators, so "Change-Me" and "change_me" both match.
 */
const KNOWN_PLACEHOLDERS = [
  'replace-with-at-least-32-random-characters', // .env.example
  'changeme',
  'change-me',
  'changethis',
  'secret',
  'jwtsecret',
  'jwt-secret',
  'mysecret',
  'supersecret',
  'your-secret',
  'yoursecret',
  'yourjwtsecret',
  'your-jwt-secret',
  'secretkey',
  'your-secret-key',
  'password',
  'default',
  'example',
  'placeholder',
  'replaceme',
  'todo',
  'test',
  'xxxxxxxx',
];

const normalise = (value: string) => value.toLowerCase().replace(/[^a-z0-9]/g, '');
const PLACEHOLDER_SET = new Set(KNOWN_PLACEHOLDERS.map(normalise));

/**
 * 32 random hex digits (`openssl rand -hex 16`, the shortest generated secret accepted) show 14
 * distinct characters on average; the chance of fewer than 7 is 1.8e-10 (fewer than 10 was 9.5e-5:
 * one genuine secret in ~10 500 refused at boot). A human-typed or patterned value shows far fewer.
 */
export const MIN_DISTINCT_CHARACTERS = 7;

/**
 * Why a secret must not sign tokens, or null if it is acceptable. Checks what a human-typed or
 * copied value looks like: a known placeholder (possibly repeated or with a suffix such as "123"),
 * one character repeated, a short pattern repeated, or too few distinct characters.
 */
export function weakSecretReason(secret: string): string | null {
  const plain = normalise(secret);
  if (PLACEHOLDER_SET.has(plain)) return 'is a known placeholder value; generate one with `openssl rand -base64 36`';
  for (const placeholder of PLACEHOLDER_SET) {
    if (placeholder.length >= 6 && plain.includes(placeholder) && plain.replaceAll(placeholder, '').length < 16) {
      return `is built from the placeholder "${placeholder}"; generate one with \`openssl rand -base64 36\``;
    }
  }
  if (/^(.{1,16})\1+.{0,15}$/s.test(secret)) return 'is a short pattern repeated; generate one with `openssl rand -base64 36`';
  const distinct = new Set(secret).size;
  if (distinct < MIN_DISTINCT_CHARACTERS) {
    return `has only ${distinct} distinct characters (at least ${MIN_DISTINCT_CHARACTERS} required); generate one with \`openssl rand -base64 36\``;
  }
  return null;
}
