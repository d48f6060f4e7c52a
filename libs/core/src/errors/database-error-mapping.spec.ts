import { QueryFailedError } from 'typeorm';
import { mapDatabaseError } from './database-error-mapping';

function pgError(code: string) {
  return new QueryFailedError('INSERT INTO secret_table ...', [], Object.assign(new Error('duplicate key value violates "secret_idx"'), { code }));
}

describe('mapDatabaseError', () => {
  it.each([
    ['23505', 409],
    ['23P01', 409],
    ['23503', 409],
    ['22001', 400],
    ['23502', 400],
    ['23514', 400],
    ['22021', 400],
    ['22003', 400],
    ['22P02', 400],
    ['22023', 400],
    ['23000', 409],
  ])('maps SQLSTATE %s to %d without leaking SQL', (code, status) => {
    const mapped = mapDatabaseError(pgError(code));
    expect(mapped?.status).toBe(status);
    expect(mapped?.message).not.toMatch(/secret|INSERT|duplicate key/);
  });

  it('leaves other errors to the generic 500', () => {
    expect(mapDatabaseError(pgError('42P01'))).toBeNull();
    expect(mapDatabaseError(new Error('boom'))).toBeNull();
  });
});
