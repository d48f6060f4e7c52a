import { compareSync, hashSync } from 'bcryptjs';
import { BcryptWorkerPool, HashingQueueFullError } from './bcrypt-worker-pool';

describe('BcryptWorkerPool', () => {
  let pool: BcryptWorkerPool;
  afterEach(() => pool.close());

  it('produces standard bcrypt hashes that check both ways against bcryptjs on the main thread (cost 12)', async () => {
    pool = new BcryptWorkerPool(1, 10);
    const existing = hashSync('correct horse battery', 12);
    await expect(pool.run({ op: 'compare', password: 'correct horse battery', hash: existing })).resolves.toBe(true);
    await expect(pool.run({ op: 'compare', password: 'wrong horse battery', hash: existing })).resolves.toBe(false);
    const made = (await pool.run({ op: 'hash', password: 'correct horse battery', cost: 12 })) as string;
    expect(made).toMatch(/^\$2b\$12\$/);
    expect(compareSync('correct horse battery', made)).toBe(true);
  });

  it('keeps the event loop responsive while hashing', async () => {
    pool = new BcryptWorkerPool(1, 10);
    let worstGapMs = 0;
    let last = Date.now();
    const timer = setInterval(() => {
      const now = Date.now();
      worstGapMs = Math.max(worstGapMs, now - last);
      last = now;
    }, 5);
    await Promise.all([1, 2, 3].map(() => pool.run({ op: 'hash', password: 'p4ssword!', cost: 12 })));
    clearInterval(timer);
    // One cost-12 hash on the main thread blocks for ~250 ms; three in a row for ~750 ms.
    expect(worstGapMs).toBeLessThan(150);
  });

  it('bounds waiting work: past the queue limit a request is refused at once', async () => {
    pool = new BcryptWorkerPool(1, 2);
    const accepted = [1, 2, 3].map(() => pool.run({ op: 'hash', password: 'x', cost: 10 }));
    await expect(pool.run({ op: 'hash', password: 'x', cost: 10 })).rejects.toBeInstanceOf(HashingQueueFullError);
    await expect(Promise.all(accepted)).resolves.toHaveLength(3);
  });

  it('reports a bad stored hash as an error and keeps serving', async () => {
    pool = new BcryptWorkerPool(1, 2);
    await expect(pool.run({ op: 'compare', password: 'x', hash: 'not-a-hash' })).resolves.toBe(false);
    await expect(pool.run({ op: 'hash', password: 'x', cost: 4 })).resolves.toMatch(/^\$2b\$04\$/);
  });
});
