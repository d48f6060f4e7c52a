import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ringlypro/core';

/**
 * The public URLs Twilio is told to call. They are built from WEBHOOK_BASE_URL — the address Twilio
 * sees — and the signature guard checks requests against the same base, so the two always agree.
 */
@Injectable()
export class WebhookUrls {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private url(path: string): string {
    return `${this.config.webhookBaseUrl}${path}`;
  }

  /** Rachel answers (the Voice module's conversation). */
  rachelVoice(): string {
    return this.url('/voice/webhook/voice');
  }

  /** Rachel is off: calls ring the owner's phone. */
  forwardToOwner(clientId: number): string {
    return this.url(`/voice/forward-to-owner/${clientId}`);
  }

  forwardToOwnerFinished(clientId: number): string {
    return this.url(`/voice/forward-to-owner/${clientId}/completed`);
  }

  /** After a voicemail was recorded (the Record verb's action). */
  voicemailDone(clientId: number): string {
    return this.url(`/voice/voicemail/${clientId}/done`);
  }

  /** Twilio's recording status callback for a voicemail. */
  voicemailRecorded(clientId: number): string {
    return this.url(`/voice/voicemail/${clientId}/recorded`);
  }

  /** Each turn of Rachel's conversation (the Gather action); `turn` makes a retried webhook recognisable. */
  rachelTurn(turn: number): string {
    return this.url(`/voice/rachel/turn?turn=${turn}`);
  }

  /** Inbound SMS to a Rachel number. */
  inboundSms(): string {
    return this.url('/sms/webhook');
  }

  callStatus(): string {
    return this.url('/voice/status');
  }

  smsStatus(): string {
    return this.url('/sms/status');
  }

  /** Where the number's calls go: Rachel when she is on, the owner when she is off. */
  voiceUrlFor(rachelEnabled: boolean, clientId: number): string {
    return rachelEnabled ? this.rachelVoice() : this.forwardToOwner(clientId);
  }
}
