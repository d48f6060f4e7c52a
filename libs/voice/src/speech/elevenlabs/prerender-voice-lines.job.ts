import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, JobHandler, type JobHandlerInstance, JobName, type JobPayloads, TenantDatabase } from '@ringlypro/core';
import { TenantDeskFactory } from '../../desk/tenant-desk';
import { DialogueEngine } from '../../dialogue/dialogue-engine';
import { Understanding } from '../../understanding/understanding';
import { fixedLines } from './fixed-lines';
import { VoiceAudio } from './voice-audio';

type Payload = JobPayloads[JobName.PrerenderVoiceLines];

/**
 * A business's greeting, name, voice or anything Rachel says about it changed: render its fixed lines
 * (fixedLines(): the greeting, prompts, apologies, hours, address, prices and goodbyes, found by driving
 * the dialogue engine itself, so they are exactly what a call will say) in its voice, so most turns of
 * its next calls are cache hits and never wait for ElevenLabs.
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
    return this.audio.renderAhead(await fixedLines(this.engine, profile), profile.voiceId ?? null);
  }
}
