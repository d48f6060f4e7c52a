/** A TwiML element Rachel's lines can be rendered into (<Response> or <Gather>). */
export interface SpeechTarget {
  say(attributes: { voice?: string; language?: string }, text: string): unknown;
  play(attributes: Record<string, never>, url: string): unknown;
}

/**
 * Renders one of Rachel's lines as TwiML. The <Say> adapter ships now; an ElevenLabs adapter (a <Play>
 * of synthesised audio) replaces it without the dialogue changing, since the dialogue only ever
 * produces text.
 */
export abstract class Speaker {
  abstract speak(target: SpeechTarget, line: string): void;
}
