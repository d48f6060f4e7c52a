import { keywordOf } from './inbound-keyword';

describe('inbound SMS keywords', () => {
  it.each(['STOP', 'stop', ' Stop. ', 'STOPALL', 'UNSUBSCRIBE', 'END', 'QUIT', 'CANCEL', 'OPTOUT', 'OPT-OUT', 'REVOKE'])('%p opts out', (body) => {
    expect(keywordOf(body)).toBe('opt-out');
  });
  it.each(['START', 'yes', 'UNSTOP'])('%p opts back in', (body) => expect(keywordOf(body)).toBe('opt-in'));
  it('reads HELP, C and X', () => {
    expect(keywordOf('help')).toBe('help');
    expect(keywordOf('c')).toBe('confirm');
    expect(keywordOf('X!')).toBe('cancel-appointment');
  });
  it('leaves ordinary messages alone', () => {
    for (const body of ['Can I come at 3?', 'Cancel my appointment please', 'see you', '']) expect(keywordOf(body)).toBeNull();
  });
});
