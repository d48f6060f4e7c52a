import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, TooManyRequestsError } from '@ringlypro/core';
import { BcryptWorkerPool, type BcryptTask, HashingQueueFullError } from './hashing/bcrypt-worker-pool';

/** bcrypt cost 12: a few hundred milliseconds per hash, slow enough to make offline guessing costly. */
export const BCRYPT_COST = 12;

/**
 * Hashes and checks passwords on worker threads (see BcryptWorkerPool), so logins never stall the
 * event loop. Output is standard `$2b$12$…` bcrypt, interchangeable with the hashes already stored.
 */
@Injectable()
export class PasswordHasher implements OnModuleDestroy {
  private readonly pool: BcryptWorkerPool;
  private decoyHash: Promise<string> | null = null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.pool = new BcryptWorkerPool(config.passwordHashing.threads, config.passwordHashing.maxQueued);
  }

  async hash(password: string): Promise<string> {
    return (await this.run({ op: 'hash', password, cost: BCRYPT_COST })) as string;
  }

  /** For an unknown email a decoy hash is checked, so a miss takes as long as a wrong password. */
  async verify(password: string, passwordHash: string | null): Promise<boolean> {
    this.decoyHash ??= this.hash('decoy-password-for-timing');
    const matches = (await this.run({ op: 'compare', password, hash: passwordHash ?? (await this.decoyHash) })) as boolean;
    return passwordHash !== null && matches;
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.close();
  }

  private async run(task: BcryptTask): Promise<string | boolean> {
    try {
      return await this.pool.run(task);
    } catch (error) {
      if (error instanceof HashingQueueFullError) throw new TooManyRequestsError('The server is busy checking passwords; try again in a few seconds', 5);
      throw error;
    }
  }
}
