import { Speaker, type SpeechTarget } from '../speaker';
import type { SaySpeaker } from '../say-speaker';
import type { VoiceAudio } from './voice-audio';

/**
 * Rachel in her own voice: each line is a <Play> of its clip on our API when the clip is playable
 * (cached, or ElevenLabs already streaming it), and the same line with <Say> otherwise — never silence.
 */
export class ElevenLabsSpeaker extends Speaker {
  constructor(
    private readonly audio: VoiceAudio,
    private readonly fallback: SaySpeaker,
  ) {
    super();
  }

  override prepare(lines: string[]): Promise<void> {
    return this.audio.prepare(lines);
  }

  speak(target: SpeechTarget, line: string): void {
    const key = this.audio.keyOf(line);
    if (this.audio.playable(key)) target.play({}, this.audio.urlOf(key));
    else this.fallback.speak(target, line);
  }
}
