import { endMessage, parseRelayMessage, textMessage } from './relay-messages';

const SID = `CA${'a'.repeat(32)}`;

describe('ConversationRelay messages at the edge', () => {
  it("reads Twilio's messages as documented", () => {
    expect(parseRelayMessage(JSON.stringify({ type: 'setup', callSid: SID, from: '+13105550199', to: '+12125550100', customParameters: { clientId: '7' }, sessionId: 'VX1' }))).toEqual({
      type: 'setup',
      callSid: SID,
      from: '+13105550199',
      to: '+12125550100',
      customParameters: { clientId: '7' },
    });
    expect(parseRelayMessage('{"type":"prompt","voicePrompt":"book tomorrow","lang":"en-US","last":true}')).toEqual({ type: 'prompt', voicePrompt: 'book tomorrow', last: true });
    expect(parseRelayMessage('{"type":"prompt","voicePrompt":"book","last":false}')).toMatchObject({ last: false });
    expect(parseRelayMessage('{"type":"interrupt","utteranceUntilInterrupt":"Tuesday","durationUntilInterruptMs":640}')).toEqual({ type: 'interrupt', utteranceUntilInterrupt: 'Tuesday', durationUntilInterruptMs: 640 });
    expect(parseRelayMessage('{"type":"dtmf","digit":"#"}')).toEqual({ type: 'dtmf', digit: '#' });
    expect(parseRelayMessage('{"type":"error","description":"Invalid message"}')).toEqual({ type: 'error', description: 'Invalid message' });
  });

  it('refuses anything else, and bounds and cleans what it keeps', () => {
    for (const junk of ['', 'nope', '[]', 'null', '42', '{"type":"wat"}', '{"type":"setup","callSid":"CA1"}', '{"type":"prompt","voicePrompt":7}', '{"type":"dtmf","digit":"12"}', '{"type":"dtmf","digit":"a"}']) {
      expect(parseRelayMessage(junk)).toBeNull();
    }
    const long = parseRelayMessage(JSON.stringify({ type: 'prompt', voicePrompt: `hi\u0000\u0007there ${'x'.repeat(5000)}` }));
    expect(long).toMatchObject({ type: 'prompt' });
    const prompt = (long as { voicePrompt: string }).voicePrompt;
    expect(prompt.length).toBe(1000);
    expect(prompt).not.toMatch(/[\u0000-\u001f]/);
    const setup = parseRelayMessage(JSON.stringify({ type: 'setup', callSid: SID, customParameters: { ok: 'yes', nested: { no: 1 }, n: 5 } }));
    expect(setup).toMatchObject({ customParameters: { ok: 'yes' }, from: '', to: '' });
  });

  it('writes text tokens and end as Twilio reads them (handoffData is a string)', () => {
    expect(JSON.parse(textMessage('Hello.', true))).toEqual({ type: 'text', token: 'Hello.', last: true });
    expect(JSON.parse(endMessage({ reason: 'owner' }))).toEqual({ type: 'end', handoffData: '{"reason":"owner"}' });
  });
});
