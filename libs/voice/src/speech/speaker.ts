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
  /**
   * Called with a turn's lines before its TwiML is built, so an adapter can get them ready (render
   * audio) within its budget; speak() then stays synchronous. Nothing to do for <Say>.
   */
  prepare(_lines: string[]): Promise<void> {
    return Promise.resolve();
  }

  /** This speaker in a business's own voice (null or undefined: the platform default). */
  forVoice(_voiceId: string | null | undefined): Speaker {
    return this;
  }

  abstract speak(target: SpeechTarget, line: string): void;
}
