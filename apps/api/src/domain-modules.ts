import { BillingModule } from '@ringlypro/billing';
import { BookingModule } from '@ringlypro/booking';
import { MessagingModule } from '@ringlypro/messaging';
import { TelephonyModule } from '@ringlypro/telephony';
import { TenancyModule } from '@ringlypro/tenancy';
import { VoiceModule } from '@ringlypro/voice';

/** The six domain modules; the API and the worker load the same set, so job handlers match. */
export const DOMAIN_MODULES = [TenancyModule, TelephonyModule, VoiceModule, BookingModule, BillingModule, MessagingModule];
