import { destinationRefusal } from './sms-refusal';

describe('text destinations', () => {
  const US_CA = ['US', 'CA'];
  it.each(['+16565550101', '+12125550123', '+14165550123', '+16045550123', '+18005550123', '+18885550123'])('sends to %s by default', (to) => {
    expect(destinationRefusal(to, US_CA)).toBeNull();
  });

  it.each([
    ['+447700900123', '+1'],
    ['+2348031234567', '+1'],
    ['+882123456789', '+1'],
    ['+19005550123', 'premium-rate'],
    ['+12129765555', 'premium-rate'],
    ['+18095550123', 'DO'],
    ['+18765550123', 'JM'],
    ['+17875550123', 'PR'],
    ['+15005550123', 'geographic'],
    ['+15885550123', 'geographic'],
    ['+17005550123', 'geographic'],
    ['+14115550123', 'geographic'],
  ])('refuses %s (%s)', (to, why) => {
    expect(destinationRefusal(to, US_CA)?.message).toContain(why);
  });

  it('follows the configured countries', () => {
    expect(destinationRefusal('+14165550123', ['US'])?.message).toContain('CA');
    expect(destinationRefusal('+18765550123', ['US', 'CA', 'JM'])).toBeNull();
    expect(destinationRefusal('+18005550123', ['JM'])?.message).toContain('toll-free');
  });
});
