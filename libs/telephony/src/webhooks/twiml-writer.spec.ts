import { XMLParser, XMLValidator } from 'fast-xml-parser';
import twilio from 'twilio';
import { apologyTwiml, emptyTwiml } from './twiml-responses';
import { element, EMPTY_TWIML, TwimlContainer, TwimlDocument } from './twiml-writer';

const { VoiceResponse, MessagingResponse } = twilio.twiml;

/** Strings that exercise every escape the SDK's builder applies, and none it does not. */
const AWKWARD = [
  '',
  'plain words',
  `Tom & Jerry's <Plumbing> "24/7"`,
  'a]]>b',
  'tab\there, line\nbreak, carriage\rreturn',
  '&amp; already escaped &lt;',
  'emoji 😀 and accents: Zoë, Müller, 東京',
  '\u2028line separator\u2029',
  'https://example.com/voice/rachel/turn?turn=3&x="y"',
];

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, parseAttributeValue: false, trimValues: false, processEntities: true, htmlEntities: true });

describe('TwiML templates', () => {
  it.each(AWKWARD)('write a <Say>, <Play> and a <Gather> byte for byte as the SDK does: %j', (text) => {
    const sdk = new VoiceResponse();
    const gather = sdk.gather({ input: ['speech'], action: text, method: 'POST', timeout: 6, actionOnEmptyResult: true, hints: text });
    gather.say({ voice: 'Polly.Joanna', language: 'en-US' }, text);
    gather.play({}, text);
    sdk.say({}, text);
    sdk.redirect({ method: 'POST' }, text);
    sdk.hangup();

    const ours = new TwimlContainer('Gather', { input: 'speech', action: text, method: 'POST', timeout: 6, actionOnEmptyResult: true, hints: text });
    ours.say({ voice: 'Polly.Joanna', language: 'en-US' }, text).play({}, text);
    const doc = new TwimlDocument().add(ours.toString()).say({}, text).add(element('Redirect', { method: 'POST' }, text)).add(element('Hangup'));

    expect(doc.toString()).toBe(sdk.toString());
  });

  it('leaves out attributes that are undefined, as the SDK does', () => {
    const sdk = new VoiceResponse();
    sdk.say({ voice: undefined, language: 'en-US' }, 'hi');
    expect(new TwimlDocument().say({ voice: undefined, language: 'en-US' }, 'hi').toString()).toBe(sdk.toString());
  });

  it('answers empty TwiML and messages exactly like the SDK', () => {
    expect(EMPTY_TWIML).toBe(new VoiceResponse().toString());
    expect(EMPTY_TWIML).toBe(new MessagingResponse().toString());
    expect(emptyTwiml()).toBe(new VoiceResponse().toString());
    const sdk = new MessagingResponse();
    sdk.message(`Acme & Sons: reply C to confirm <or> X to cancel`);
    expect(new TwimlDocument().add(element('Message', {}, `Acme & Sons: reply C to confirm <or> X to cancel`)).toString()).toBe(sdk.toString());
  });

  it('apologises in the same bytes as before, whatever the business is called', () => {
    for (const name of [undefined, `O'Brien & Daughters <Dental>`]) {
      const sdk = new VoiceResponse();
      sdk.say({ voice: 'Polly.Joanna', language: 'en-US' }, `We're sorry, ${name ?? 'this business'} can't take your call right now. Please try again later. Goodbye.`);
      sdk.hangup();
      expect(apologyTwiml(name)).toBe(sdk.toString());
    }
  });

  it('turns characters XML cannot carry into U+FFFD, where the SDK would throw, and stays well-formed', () => {
    const hostile = 'nul\u0000 bell\u0007 esc\u001b lone\ud800 low\udc00 pair😀 nonchar\uffff';
    expect(() => new VoiceResponse().say({}, hostile)).toThrow();
    const xml = new TwimlDocument().say({ voice: hostile }, hostile).toString();
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = parser.parse(xml) as { Response: { Say: { '#text': string; '@voice': string } } };
    const expected = 'nul\ufffd bell\ufffd esc\ufffd lone\ufffd low\ufffd pair😀 nonchar\ufffd';
    expect(parsed.Response.Say['#text']).toBe(expected);
    expect(parsed.Response.Say['@voice']).toBe(expected);
  });

  it('round-trips every awkward string through an XML parser unchanged', () => {
    for (const text of AWKWARD.filter(Boolean)) {
      const xml = new TwimlDocument().add(new TwimlContainer('Gather', { hints: text }).say({}, text).toString()).toString();
      expect(XMLValidator.validate(xml)).toBe(true);
      const parsed = parser.parse(xml) as { Response: { Gather: { '@hints': string; Say: string } } };
      // Tabs, line breaks and CRs are escaped as character references, so a parser gives them back as sent.
      expect(parsed.Response.Gather['@hints']).toBe(text);
      expect(parsed.Response.Gather.Say).toBe(text);
    }
  });
});
