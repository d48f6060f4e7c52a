/** SQLSTATEs after which Postgres has rolled the whole transaction back and running it again is the cure. */
const RETRYABLE = new Set(['40P01', '40001']); // deadlock_detected, serialization_failure

/** The SQLSTATE of a pg error (TypeORM wraps it as QueryFailedError, keeping `code` and `driverError`). */
function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.code ?? e?.driverError?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Runs `transaction` (a whole transaction: TenantDatabase.run(…)) again when Postgres chose it as the
 * victim of a deadlock or a serialization failure — it was rolled back entirely, so nothing of it is
 * left to duplicate — at most `attempts` times in all. Why: two webhooks of one call can take the same
 * rows in opposite orders (a turn locks the account then the call, a status callback the call then the
 * account), and the victim, answered with a fallback, would never be retried by Twilio: a lost charge.
 * The transaction must be idempotent, as every webhook's is.
 */
export async function retryOnConflict<T>(transaction: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      if (attempt >= attempts || !RETRYABLE.has(sqlState(error) ?? '')) throw error;
      // A short, jittered pause, so the two sides do not meet again in the same order at once.
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
    }
  }
}
