/**
 * Conditional call forwarding "on no answer" for US carriers — the seed's voicemail-replacement
 * model: the business phone rings first and only unanswered calls reach Rachel.
 *
 * Sources disagree (the seed itself lists codes such as AT&T "*21*N#", which forward every call). What we use, and why:
 *  - GSM networks (AT&T, Cricket, T-Mobile, Metro, and Sprint/Boost now on T-Mobile's network) follow
 *    the MMI supplementary-service codes of 3GPP TS 22.030 Annex B: service code 61 = forward on no
 *    reply, 004 = all conditional forwarding; `*`/`**` activate/register, `##` erases, `*#` checks.
 *    AT&T's and Cricket's instructions write the number in 10 digits (`*61*N#`, `*004*N#`);
 *    T-Mobile's (and Metro's) write registration with the country code, `**61*1N#`, as the T-Mobile
 *    support forum's MMI guide does. T-Mobile also notes voicemail itself is delivered by conditional
 *    forwarding — hence the caveat below.
 *  - Verizon and Visible (Verizon's network) use the North American vertical service codes: `*71`
 *    + 10 digits forwards on no answer/busy, `*73` cancels (Verizon's own help; also the ringowl.ai and
 *    primecirca.com carrier tables). US Cellular uses the same `*71`/`*73` pair.
 * Numbers are always derived from the client's E.164 Rachel number, never typed by hand.
 */
export type DigitForm = 'ten' | 'eleven';

export interface CarrierProfile {
  id: string;
  name: string;
  network: 'gsm' | 'cdma-vsc';
  activate: (digits: string) => string;
  deactivate: string;
  check: string | null;
  digitForm: DigitForm;
  caveats: string[];
}

const GSM_CHECK = '*#61#';
const VOICEMAIL_CAVEAT =
  'Your voicemail also works by forwarding unanswered calls. After this, unanswered calls go to Rachel instead of voicemail; to go back, dial the deactivation code and ask your carrier (611) to restore voicemail forwarding.';

const tMobileStyle = (id: string, name: string, extra: string[] = []): CarrierProfile => ({
  id,
  name,
  network: 'gsm',
  activate: (n) => `**61*${n}#`,
  deactivate: '##61#',
  check: GSM_CHECK,
  digitForm: 'eleven',
  caveats: [VOICEMAIL_CAVEAT, ...extra],
});

const attStyle = (id: string, name: string): CarrierProfile => ({
  id,
  name,
  network: 'gsm',
  activate: (n) => `*61*${n}#`,
  deactivate: '##61#',
  check: GSM_CHECK,
  digitForm: 'ten',
  caveats: [
    VOICEMAIL_CAVEAT,
    `To also send calls to Rachel when you are busy or out of signal, use *004*<number># instead (off: ##004#).`,
  ],
});

const verizonStyle = (id: string, name: string, extra: string[] = []): CarrierProfile => ({
  id,
  name,
  network: 'cdma-vsc',
  activate: (n) => `*71${n}`,
  deactivate: '*73',
  check: null,
  digitForm: 'ten',
  caveats: ['This code forwards calls you do not answer and calls that arrive while you are busy.', 'Wait for the confirmation tones before hanging up.', ...extra],
});

export const CARRIERS: readonly CarrierProfile[] = [
  attStyle('att', 'AT&T'),
  verizonStyle('verizon', 'Verizon', ['Some Verizon plans bill forwarded minutes as usage.']),
  tMobileStyle('tmobile', 'T-Mobile'),
  tMobileStyle('sprint', 'Sprint', ['Sprint is now part of T-Mobile, so T-Mobile codes apply.']),
  verizonStyle('uscellular', 'US Cellular'),
  tMobileStyle('boost', 'Boost Mobile', ['Boost lines run on T-Mobile and AT&T networks; if this code is refused, try the AT&T code *61*<number>#.']),
  tMobileStyle('metro', 'Metro by T-Mobile'),
  verizonStyle('visible', 'Visible', ['Visible runs on the Verizon network.']),
  attStyle('cricket', 'Cricket Wireless'),
];

export function findCarrier(id: string): CarrierProfile | undefined {
  return CARRIERS.find((c) => c.id === id.toLowerCase());
}

/** The Rachel number's digits as this carrier wants them dialed. */
export function dialDigits(e164: string, form: DigitForm): string {
  const m = /^\+1(\d{10})$/.exec(e164);
  if (!m) throw new Error(`Only US/Canada (+1) numbers can be forwarded to with carrier codes: ${e164}`);
  return form === 'ten' ? m[1] : `1${m[1]}`;
}

export interface ForwardingSetup {
  carrier: { id: string; name: string };
  forward_to: string;
  activation_code: string;
  deactivation_code: string;
  check_code: string | null;
  instructions: string[];
  caveats: string[];
}

/** Everything an owner needs to point unanswered calls of their business phone at Rachel. */
export function forwardingSetup(carrier: CarrierProfile, rachelNumber: string, businessPhone: string): ForwardingSetup {
  const activation = carrier.activate(dialDigits(rachelNumber, carrier.digitForm));
  const instructions = [
    `On the business phone (${businessPhone}), open the phone app's keypad.`,
    `Dial ${activation} and press Call.`,
    carrier.network === 'gsm' ? 'Wait for the on-screen confirmation that call forwarding is registered, then hang up.' : 'Listen for the confirmation tones, then hang up.',
    'Test it: call the business phone from another phone and let it ring; after about 20 seconds Rachel should answer.',
    ...(carrier.check ? [`To check the setting at any time, dial ${carrier.check}.`] : []),
    `To turn forwarding off, dial ${carrier.deactivate}.`,
  ];
  return {
    carrier: { id: carrier.id, name: carrier.name },
    forward_to: rachelNumber,
    activation_code: activation,
    deactivation_code: carrier.deactivate,
    check_code: carrier.check,
    instructions,
    caveats: carrier.caveats,
  };
}
