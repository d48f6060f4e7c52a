import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { Tenancy1764000000001 } from './1764000000001-tenancy';
import { ProvisioningError1764000000002 } from './1764000000002-provisioning-error';
import { Messaging1764000000003 } from './1764000000003-messaging';
import { VoiceConversation1764000000500 } from './1764000000500-voice-conversation';

/** Every migration, oldest first. Explicit rather than a glob, so ts-node, jest and dist all agree. */
export const MIGRATIONS = [InitialSchema1764000000000, Tenancy1764000000001, ProvisioningError1764000000002, Messaging1764000000003, VoiceConversation1764000000500];
