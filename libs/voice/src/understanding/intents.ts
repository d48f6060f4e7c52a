import { type Intent } from './understanding';

/**
 * What the caller wants, by ordered phrase rules: the first intent whose phrases match wins. The order
 * settles overlaps: "leave a message for the owner" is a message, not a person; "cancel and rebook"
 * is a reschedule; "what time is my appointment" is a lookup, not opening hours; a plain "I need an
 * appointment" is a booking only when nothing more specific was said. Rules marked `openingOnly` count
 * only when Rachel asked an open question: mid-booking, "can we change it to 4?" is about the time
 * being agreed, not a reschedule of an existing appointment.
 */
const RULES: Array<{ intent: Intent; patterns: RegExp[]; openingOnly?: boolean }> = [
  {
    intent: 'message',
    patterns: [
      /\b(?:leave|take|give|pass (?:on|along)|send)\b.{0,20}\b(?:a |my )?(?:message|msg|note|voicemail|voice mail)\b/,
      /\b(?:can|could) you (?:tell|let) (?:him|her|them|the owner)\b/, /\bcall me back\b/, /\b(?:have|ask) (?:him|her|them|someone|somebody) (?:to )?(?:call|ring|text) me\b/, /\blet (?:him|her|them) know\b/, /\bpass (?:it|this) (?:on|along)\b/,
    ],
  },
  {
    intent: 'person',
    patterns: [
      /\b(?:speak|talk|chat)(?:ing)? (?:to|with)\b/, /\b(?:a|real|actual|live) (?:person|human|human being|someone)\b/, /\bhuman\b/,
      /\b(?:is|are) (?:the )?(?:owner|manager|boss|receptionist|doctor|dentist|stylist|somebody|someone|anybody|anyone) (?:available|there|in|around)\b/,
      /\b(?:the )?(?:owner|manager|boss|operator|representative) please\b/, /\b(?:get|reach|want|need) (?:the )?(?:owner|manager|boss)\b/,
      /\b(?:connect|transfer|put) me\b/, /\bis (?!it\b|that\b|this\b|there\b|the\b|anything\b|something\b)[a-z]+ (?:there|around|in today|in)\b[?.!]?$/, /\boperator\b/, /\brepresentative\b/,
      /\b(?:get|reach|want|need|can) (?:somebody|someone|anybody|anyone) (?:to )?(?:help|call|pick up|answer)\b/, /\bsomeone (?:real|there|who)\b/,
    ],
  },
  {
    intent: 'reschedule',
    patterns: [
      /\bre-?schedul/, /\brebook/, /\bpostpone/, /\bcancel and (?:re-?book|book again|make a new)\b/,
      /\b(?:move|change|switch|shift|bump|push)\b.{0,15}\bmy (?:appointment|booking|reservation)\b/,
    ],
  },
  {
    // "Can we change it to 4?" while a time is being agreed is about that time, not an existing booking.
    intent: 'reschedule',
    openingOnly: true,
    patterns: [
      /\bre-?arrange/, /\bpush (?:it|that) back\b/, /\bpush back\b/,
      /\b(?:move|change|switch|shift|bump)\b.{0,30}\b(?:appointment|booking|reservation|it|time|date|day)\b/,
      /\b(?:different|another|new|other) (?:time|day|date)\b.{0,20}\bappointment\b/,
    ],
  },
  {
    intent: 'cancel',
    patterns: [/\bcancel/, /\bcall off\b/, /\bdrop my appointment\b/, /\bremove my appointment\b/],
  },
  {
    // "I can't make it" opens a call as a cancellation; said to an offered time it is only a "no".
    intent: 'cancel',
    openingOnly: true,
    patterns: [/\bwon't be able to (?:make|come)\b/, /\bcan't (?:make it|come)\b/, /\bcannot (?:make it|come)\b/],
  },
  {
    intent: 'lookup',
    patterns: [
      /\b(?:when|what (?:time|day|date))(?:'s| is| was)? (?:my|the) (?:appointment|booking|reservation)\b/,
      /\b(?:do|did) i (?:have|book|make) (?:an|a|my) (?:appointment|booking|reservation)\b/,
      /\b(?:check|confirm|look up|verify|remind me (?:of|about)?) (?:on )?(?:my|the) (?:appointment|booking|reservation)\b/,
      /\bmy (?:appointment|booking|reservation) (?:is|was) (?:when|what time)\b/, /\bwhen am i (?:booked|scheduled|coming in|supposed to come)\b/,
      /\bwhat time (?:am i|do i come|should i come)\b/,
    ],
  },
  {
    intent: 'book',
    patterns: [
      /\bbook/, /\bschedul/, /\b(?:make|set up|get|need|want|like|have)\b.{0,15}\b(?:an? |the )?(?:appointment|reservation|consultation|visit|slot)\b/,
      /\b(?:come in|stop by|get in|drop in|be seen|get seen|fit me in|squeeze me in)\b/, /\btaking (?:new )?(?:patients|clients|customers|appointments|bookings)\b/, /\breserv/, /\bavailab/, /\bopenings?\b/, /\bfree (?:slot|time|spot)\b/,
    ],
  },
  {
    intent: 'pricing',
    patterns: [
      /\bhow much\b/, /\bprice/, /\bpricing\b/, /\bcost/, /\brates?\b/, /\bfees?\b/, /\bcharge/, /\bquote\b/, /\bestimate\b/,
      /\bservices?\b/, /\bwhat do you (?:offer|do|provide|sell)\b/, /\bdo you (?:offer|do|provide|sell|fix|repair|take|accept)\b/, /\bmenu\b/, /\binsurance\b/,
    ],
  },
  {
    intent: 'hours',
    patterns: [
      /\bhours\b/, /\b(?:what time|when|until when|till when) (?:do|are|will|does) (?:you|y'all|the (?:shop|office|store|salon|business))(?: guys| all| folks)? (?:open|close|shut|be open)\b/, /\b(?:are|is) (?:you|it|the (?:shop|office|store|salon)) open\b/,
      /\bopening (?:time|times)\b/, /\bclosing (?:time|times)\b/, /\bopen (?:on|today|tomorrow|now|late|on weekends|saturdays?|sundays?)\b/, /\bwhen (?:are|do) you (?:open|close)\b/,
    ],
  },
  {
    intent: 'location',
    patterns: [
      /\bwhere\b/, /\baddress\b/, /\blocat/, /\bdirections?\b/, /\bhow (?:do|can) i (?:get|find) (?:there|you)\b/, /\bparking\b/, /\bwhich street\b/,
    ],
  },
  {
    intent: 'goodbye',
    patterns: [
      /\b(?:good)?bye\b/, /\bbye-bye\b/, /\bsee (?:you|ya)\b/, /\bthat's (?:all|it|everything)\b/, /\bthat is (?:all|it|everything)\b/,
      /\bnothing (?:else|more)\b/, /\bhave a (?:good|nice|great) (?:day|one|night|evening|weekend)\b/, /\bhang up\b/, /\btake care\b/,
      /^(?:thanks|thank you)(?: so much| very much)?[.!]?$/, /\bi'm (?:all set|good|done)\b/, /\ball set\b/, /\bthat'll be all\b/,
    ],
  },
  {
    // Last: "appointment" alone only means booking when nothing else (not even goodbye) was said.
    intent: 'book',
    patterns: [/\bappointment\b/, /\bcome (?:by|over)\b/, /\bsee (?:the|a)\b/],
  },
];

/** `opening`: Rachel asked an open question ("How can I help?", "Anything else?"), not for a detail. */
export function understandIntent(lower: string, opening: boolean): Intent | null {
  for (const rule of RULES) {
    if (rule.openingOnly && !opening) continue;
    if (rule.patterns.some((pattern) => pattern.test(lower))) return rule.intent;
  }
  return null;
}
