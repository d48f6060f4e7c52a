import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { Tenancy1764000000001 } from './1764000000001-tenancy';
import { ProvisioningError1764000000002 } from './1764000000002-provisioning-error';
import { Messaging1764000000003 } from './1764000000003-messaging';
import { SmsVolumeIndex1764000000100 } from './1764000000100-sms-volume-index';
import { ErrorLogFloodAndRls1764000000101 } from './1764000000101-error-log-flood-and-rls';
import { NumberStatus1764000000300 } from './1764000000300-number-status';
import { NumberPurchases1764000000301 } from './1764000000301-number-purchases';
import { Billing1764000000400 } from './1764000000400-billing';
import { VoiceConversation1764000000500 } from './1764000000500-voice-conversation';
import { ClientVoice1764000000600 } from './1764000000600-client-voice';
import { ClientVoiceTransport1764000000700 } from './1764000000700-client-voice-transport';
import { VoiceAudioCache1764000000710 } from './1764000000710-voice-audio-cache';
import { ClientChangeNotify1764000000720 } from './1764000000720-client-change-notify';
import { OpenMinutesCounter1764000000800 } from './1764000000800-open-minutes-counter';
import { DropDuplicateTranscriptIndex1764000000810 } from './1764000000810-drop-duplicate-transcript-index';
import { DropImpliedTranscriptClientKey1764000000820 } from './1764000000820-drop-implied-transcript-client-key';

/** Every migration, oldest first. Explicit rather than a glob, so ts-node, jest and dist all agree. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  Tenancy1764000000001,
  ProvisioningError1764000000002,
  Messaging1764000000003,
  SmsVolumeIndex1764000000100,
  ErrorLogFloodAndRls1764000000101,
  NumberStatus1764000000300,
  NumberPurchases1764000000301,
  Billing1764000000400,
  VoiceConversation1764000000500,
  ClientVoice1764000000600,
  ClientVoiceTransport1764000000700,
  VoiceAudioCache1764000000710,
  ClientChangeNotify1764000000720,
  OpenMinutesCounter1764000000800,
  DropDuplicateTranscriptIndex1764000000810,
  DropImpliedTranscriptClientKey1764000000820,
];
