import { retryOnConflict } from './retry-on-conflict';

const failing = (code: string, driver = false) => Object.assign(new Error(`failed with ${code}`), driver ? { driverError: { code } } : { code });

describe('retryOnConflict', () => {
  it('runs a transaction again after a deadlock or a serialization failure (as pg or as TypeORM reports it)', async () => {
    for (const error of [failing('40P01'), failing('40001'), failing('40P01', true)]) {
      let runs = 0;
      const result = await retryOnConflict(async () => {
        runs++;
        if (runs === 1) throw error;
        return 'charged';
      });
      expect([result, runs]).toEqual(['charged', 2]);
    }
  });

  it('gives up after the attempts allowed, with the last error', async () => {
    let runs = 0;
    await expect(retryOnConflict(async () => {
      runs++;
      throw failing('40P01');
    }, 3)).rejects.toThrow('failed with 40P01');
    expect(runs).toBe(3);
  });

  it('never repeats a transaction that failed for another reason', async () => {
    let runs = 0;
    await expect(retryOnConflict(async () => {
      runs++;
      throw failing('23505');
    })).rejects.toThrow('failed with 23505');
    expect(runs).toBe(1);
  });
});
