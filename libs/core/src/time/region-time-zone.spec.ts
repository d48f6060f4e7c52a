import { isNorthAmericanE164 } from '../phone/e164';
import { isRegionTimeZone } from './time-zone';

describe('input rules stated once', () => {
  it.each(['America/New_York', 'America/Argentina/Buenos_Aires', 'Europe/Dublin', 'Pacific/Auckland', 'US/Eastern'])('accepts the region zone %s', (zone) => {
    expect(isRegionTimeZone(zone)).toBe(true);
  });

  it.each(['EST', 'EST5EDT', 'MST', 'GMT', 'UTC', 'Etc/UTC', 'Etc/GMT+5', 'Mars/Olympus', '', 42, null])('refuses %p (an abbreviation, fixed offset or unknown)', (zone) => {
    expect(isRegionTimeZone(zone)).toBe(false);
  });

  it.each(['+16566001400', '+14165550123', '+18096001400'])('a business line may be the NANP number %s', (phone) => {
    expect(isNorthAmericanE164(phone)).toBe(true);
  });

  it.each(['+442071838750', '+16561001400', '+11566001400', '+1656600140', '6566001400', 42])('a business line may not be %p', (phone) => {
    expect(isNorthAmericanE164(phone)).toBe(false);
  });
});
