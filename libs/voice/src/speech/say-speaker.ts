import { Speaker, type SpeechTarget } from './speaker';

/** Twilio's text-to-speech: a configurable voice (a neural Polly voice by default) and language. */
export class SaySpeaker extends Speaker {
  constructor(
    private readonly voice: string,
    private readonly language: string,
  ) {
    super();
  }

  speak(target: SpeechTarget, line: string): void {
    target.say({ voice: this.voice, language: this.language }, line);
  }
}
