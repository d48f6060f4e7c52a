import { errorFingerprint } from './error-fingerprint';

describe('error fingerprints', () => {
  const base = { clientId: 5, source: 'http', method: 'GET', path: '/api/contacts/17?q=a', errorName: 'Error', message: 'failed on row 17' };
  it('match for the same failure replayed with other ids, values or query strings', () => {
    expect(errorFingerprint({ ...base, path: '/api/contacts/18?q=b', message: 'failed on row 18' })).toBe(errorFingerprint(base));
    expect(errorFingerprint({ ...base, path: '/api/contacts/9f86d081884c7d65' })).toBe(errorFingerprint({ ...base, path: '/api/contacts/0123456789abcdef' }));
  });
  it('differ by tenant, route, method and error', () => {
    for (const change of [{ clientId: 6 }, { clientId: null }, { path: '/api/appointments/17' }, { method: 'POST' }, { errorName: 'TypeError' }, { message: 'other' }]) {
      expect(errorFingerprint({ ...base, ...change })).not.toBe(errorFingerprint(base));
    }
  });
});
