import twilio from 'twilio';
import { isTwilioSignature, twilioSignature } from './twilio-signature';

const TOKEN = 'an-auth-token-of-thirty-two-chars';
const PARAMS = { CallSid: 'CA0123456789abcdef0123456789abcdef', From: '+13105550123', To: '+18885551000', SpeechResult: 'Zoë & "Tom" <here>', Confidence: '0.92' };

describe('Twilio request signatures', () => {
  it("computes Twilio's own signature, parameters in sorted order", () => {
    for (const url of ['https://example.com/voice/status', 'http://localhost:3000/voice/rachel/turn?turn=2', 'https://example.com:8443/sms/webhook']) {
      expect(twilioSignature(TOKEN, url, PARAMS)).toBe(twilio.getExpectedTwilioSignature(TOKEN, url, PARAMS));
      expect(twilioSignature(TOKEN, url, {})).toBe(twilio.getExpectedTwilioSignature(TOKEN, url, {}));
    }
  });

  it('accepts a genuine request signed over the URL as configured, with or without a port', () => {
    for (const url of ['http://localhost:3000/voice/webhook/voice', 'https://example.com/voice/status?x=1']) {
      expect(isTwilioSignature(TOKEN, twilio.getExpectedTwilioSignature(TOKEN, url, PARAMS), url, PARAMS)).toBe(true);
    }
  });

  it("accepts the port variants Twilio's validator accepts (a signature over :443 for a URL without one, and back)", () => {
    const configured = 'https://example.com/voice/status';
    const withPort = 'https://example.com:443/voice/status';
    expect(isTwilioSignature(TOKEN, twilio.getExpectedTwilioSignature(TOKEN, withPort, PARAMS), configured, PARAMS)).toBe(true);
    expect(isTwilioSignature(TOKEN, twilio.getExpectedTwilioSignature(TOKEN, configured, PARAMS), withPort, PARAMS)).toBe(true);
  });

  it('refuses a signature over other parameters, another URL, another token, or of another length', () => {
    const url = 'http://localhost:3000/voice/webhook/voice';
    const genuine = twilio.getExpectedTwilioSignature(TOKEN, url, PARAMS);
    expect(isTwilioSignature(TOKEN, genuine, url, { ...PARAMS, To: '+18885551001' })).toBe(false);
    expect(isTwilioSignature(TOKEN, genuine, `${url}?turn=1`, PARAMS)).toBe(false);
    expect(isTwilioSignature(`${TOKEN}x`, genuine, url, PARAMS)).toBe(false);
    expect(isTwilioSignature(TOKEN, genuine.slice(1), url, PARAMS)).toBe(false);
    expect(isTwilioSignature(TOKEN, '', url, PARAMS)).toBe(false);
    expect(isTwilioSignature(TOKEN, 'é'.repeat(14), url, PARAMS)).toBe(false);
  });

  it('agrees with twilio.validateRequest on every combination tried', () => {
    const urls = ['http://localhost:3000/voice/status', 'https://example.com/voice/status', 'https://example.com:443/voice/status', 'http://example.com:80/a?b=c'];
    for (const signedUrl of urls) {
      const signature = twilio.getExpectedTwilioSignature(TOKEN, signedUrl, PARAMS);
      for (const url of urls) expect(isTwilioSignature(TOKEN, signature, url, PARAMS)).toBe(twilio.validateRequest(TOKEN, signature, url, PARAMS));
    }
  });
});
