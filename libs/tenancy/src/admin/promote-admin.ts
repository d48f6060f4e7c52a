import { type EntityManager } from 'typeorm';
import { User } from '../entities/user.entity';

/**
 * Makes an existing user a platform administrator (`npm run admin:create -- <email>`). Runs on the
 * 'admin-cli' platform path; returns false when no user has that email.
 */
export async function promoteToAdmin(manager: EntityManager, email: string): Promise<boolean> {
  const result = await manager.update(User, { email: email.trim().toLowerCase() }, { role: 'admin' });
  return (result.affected ?? 0) > 0;
}
