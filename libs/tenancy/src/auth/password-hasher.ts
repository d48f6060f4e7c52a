import { compare, hash } from 'bcryptjs';

/** bcrypt cost 12: a few hundred milliseconds per hash, slow enough to make offline guessing costly. */
const COST = 12;
let decoyHash: Promise<string> | null = null;

export const PasswordHasher = {
  hash(password: string): Promise<string> {
    return hash(password, COST);
  },
  /** For an unknown email a decoy hash is checked, so a miss takes as long as a wrong password. */
  async verify(password: string, passwordHash: string | null): Promise<boolean> {
    decoyHash ??= hash('decoy-password-for-timing', COST);
    const matches = await compare(password, passwordHash ?? (await decoyHash));
    return passwordHash !== null && matches;
  },
};
