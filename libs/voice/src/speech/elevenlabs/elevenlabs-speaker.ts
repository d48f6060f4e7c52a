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
    private readonly voiceId: string | null = null,
  ) {
    super();
  }

  /** Neither the business nor the platform has chosen a voice: nothing to render with. */
  private get hasVoice(): boolean {
    return this.audio.spec('', this.voiceId).voiceId !== '';
  }

  override forVoice(voiceId: string | null | undefined): Speaker {
    return new ElevenLabsSpeaker(this.audio, this.fallback, voiceId ?? null);
  }

  override prepare(lines: string[]): Promise<void> {
    return this.hasVoice ? this.audio.prepare(lines, this.voiceId) : Promise.resolve();
  }

  speak(target: SpeechTarget, line: string): void {
    const key = this.audio.keyOf(line, this.voiceId);
    if (this.hasVoice && this.audio.playable(key)) target.play({}, this.audio.urlOf(key));
    else this.fallback.speak(target, line);
  }
}
