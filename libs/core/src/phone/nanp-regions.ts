/**
 * Where a +1 (NANP) number rings, from its area code (NPA) and exchange (NXX), for deciding which
 * numbers the platform pays to text. Sources: NANPA's area code assignments (nationalnanpa.com,
 * "NPA Database") and the CNA's list for Canada (cnac.ca). Area codes not listed below are US
 * geographic codes (or unassigned ones, which Twilio refuses as invalid recipients).
 */

/** NANP countries and territories other than the US mainland, by area code. ISO 3166 codes. */
const OTHER_NANP_REGIONS: Record<string, string> = {
  // Caribbean and Atlantic NANP countries: separate countries with international SMS rates.
  '242': 'BS', '246': 'BB', '264': 'AI', '268': 'AG', '284': 'VG', '345': 'KY', '441': 'BM', '473': 'GD',
  '649': 'TC', '658': 'JM', '664': 'MS', '721': 'SX', '758': 'LC', '767': 'DM', '784': 'VC', '809': 'DO',
  '829': 'DO', '849': 'DO', '868': 'TT', '869': 'KN', '876': 'JM',
  // US territories: priced by carriers (and Twilio) as their own destinations.
  '340': 'VI', '670': 'MP', '671': 'GU', '684': 'AS', '787': 'PR', '939': 'PR',
};

/** Canadian geographic area codes. */
const CANADA = new Set(
  ('204 226 236 249 250 257 263 289 306 343 354 365 367 368 382 403 416 418 428 431 437 438 450 468 474 506 514 519 ' +
    '548 579 581 584 587 604 613 639 647 672 683 705 709 742 753 778 780 782 807 819 825 867 873 879 902 905 942').split(' '),
);

/** Toll-free area codes (shared by the US and Canada). */
const TOLL_FREE = new Set(['800', '833', '844', '855', '866', '877', '888']);

/**
 * Codes that are not a place: 900 premium-rate; 5XX personal communications services; N00 and 456
 * (inbound international) and 700/710 carrier and government services; reserved toll-free 822/88X;
 * 600/622 Canadian non-geographic services. Texts to them are refused.
 */
const NON_GEOGRAPHIC = new Set([
  '200', '300', '400', '456', '500', '521', '522', '523', '524', '525', '526', '527', '528', '529', '532', '533', '535',
  '538', '542', '543', '544', '545', '546', '547', '549', '550', '552', '553', '554', '556', '558', '566', '569', '577',
  '578', '588', '589', '600', '622', '700', '710', '822', '880', '881', '882', '883', '884', '885', '886', '887', '889', '900',
]);

/** Every ISO code `nanpRegionOf` can answer, for validating configuration. */
export const NANP_COUNTRIES: ReadonlySet<string> = new Set(['US', 'CA', ...Object.values(OTHER_NANP_REGIONS)]);

export type NanpRegion =
  | { kind: 'geographic'; country: string }
  | { kind: 'toll-free' }
  | { kind: 'premium-rate'; why: string }
  | { kind: 'non-geographic' }
  | { kind: 'not-nanp' };

/** What kind of number an E.164 string is, as far as texting it goes. */
export function nanpRegionOf(e164: string): NanpRegion {
  const m = /^\+1([2-9]\d{2})([2-9]\d{2})\d{4}$/.exec(e164);
  if (!m) return { kind: 'not-nanp' };
  const [, npa, nxx] = m;
  if (npa === '900') return { kind: 'premium-rate', why: 'area code 900' };
  // 976 exchanges were the local premium-rate ("976-PARTY") numbers; some still bill the caller.
  if (nxx === '976') return { kind: 'premium-rate', why: 'exchange 976' };
  if (TOLL_FREE.has(npa)) return { kind: 'toll-free' };
  if (NON_GEOGRAPHIC.has(npa) || /^[2-9]11$/.test(npa)) return { kind: 'non-geographic' };
  if (CANADA.has(npa)) return { kind: 'geographic', country: 'CA' };
  return { kind: 'geographic', country: OTHER_NANP_REGIONS[npa] ?? 'US' };
}

/**
 * A business's own line (business_phone, owner_phone), which RinglyPro forwards from and dials at the
 * platform's cost: a geographic US or Canadian number, or toll-free. Premium-rate, non-geographic and
 * the other +1 countries are refused — dialing them would be toll fraud paid by the platform.
 */
export function isDialableBusinessLine(e164: unknown): e164 is string {
  if (typeof e164 !== 'string') return false;
  const region = nanpRegionOf(e164);
  return region.kind === 'toll-free' || (region.kind === 'geographic' && (region.country === 'US' || region.country === 'CA'));
}
