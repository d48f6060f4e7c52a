import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, JobHandler, type JobHandlerInstance, JobName, type JobPayloads, TenantDatabase } from '@ringlypro/core';
import { TenantDeskFactory } from '../../desk/tenant-desk';
import { DialogueEngine } from '../../dialogue/dialogue-engine';
import { Understanding } from '../../understanding/understanding';
import { VoiceAudio } from './voice-audio';

type Payload = JobPayloads[JobName.PrerenderVoiceLines];

/**
 * A business's greeting, name or voice changed: render the lines every one of its calls opens with
 * (taken from the dialogue engine itself, so they are exactly what a call will say) in its voice, so
 * the first turn of the next call is a cache hit and never waits for ElevenLabs.
 */
@Injectable()
@JobHandler(JobName.PrerenderVoiceLines)
export class PrerenderVoiceLinesJob implements JobHandlerInstance<Payload> {
  private readonly engine: DialogueEngine;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: TenantDatabase,
    private readonly desks: TenantDeskFactory,
    private readonly audio: VoiceAudio,
    understanding: Understanding,
  ) {
    this.engine = new DialogueEngine(understanding, { maxTurns: config.voice.maxTurns, wrapUpSeconds: 0 });
  }

  async handle(payload: Payload): Promise<{ skipped?: string; rendered?: number; cached?: number }> {
    if (!this.config.elevenLabs.apiKey) return { skipped: 'no ElevenLabs key: Rachel speaks with <Say>' };
    const profile = await this.db.run(payload.client_id, () => this.desks.profile());
    if (!profile.voiceId && !this.config.elevenLabs.voiceId) return { skipped: 'no voice chosen' };
    const opening = this.engine.start({ callSid: 'prerender', clientId: payload.client_id, caller: '' }, profile);
    return this.audio.renderAhead(opening.lines, profile.voiceId ?? null);
  }
}
