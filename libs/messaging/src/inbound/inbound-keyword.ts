/** Twilio's and the carriers' standard opt-out and opt-in words (CTIA), plus ours. */
const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'END', 'QUIT', 'CANCEL', 'OPTOUT', 'REVOKE']);
const OPT_IN = new Set(['START', 'YES', 'UNSTOP']);

export type InboundKeyword = 'opt-out' | 'opt-in' | 'help' | 'confirm' | 'cancel-appointment' | null;

/** Reads a customer's text as a keyword: the whole message, case- and punctuation-insensitive. */
export function keywordOf(body: string): InboundKeyword {
  const word = body.trim().toUpperCase().replace(/[^A-Z]/g, '');
  if (OPT_OUT.has(word)) return 'opt-out';
  if (OPT_IN.has(word)) return 'opt-in';
  if (word === 'HELP' || word === 'INFO') return 'help';
  if (word === 'C') return 'confirm';
  if (word === 'X') return 'cancel-appointment';
  return null;
}
