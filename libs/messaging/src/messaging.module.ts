import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BillingModule } from '@ringlypro/billing';
import { BookingModule } from '@ringlypro/booking';
import { TelephonyModule } from '@ringlypro/telephony';
import { TenancyModule } from '@ringlypro/tenancy';
import { Message } from './entities/message.entity';
import { SmsOptOut } from './entities/sms-opt-out.entity';
import { InboundSmsService } from './inbound/inbound-sms.service';
import { InboundTextLog } from './inbound/inbound-text-log';
import { SmsWebhooksController } from './inbound/sms-webhooks.controller';
import { SendAppointmentChangeJob } from './jobs/send-appointment-change.job';
import { SendAppointmentConfirmationJob } from './jobs/send-appointment-confirmation.job';
import { SendAppointmentReminderJob } from './jobs/send-appointment-reminder.job';
import { SendBillingNoticeJob } from './jobs/send-billing-notice.job';
import { SendOwnerAlertJob } from './jobs/send-owner-alert.job';
import { SendSmsJob } from './jobs/send-sms.job';
import { AppointmentTexts } from './outbound/appointment-texts.service';
import { MessagesController } from './outbound/messages.controller';
import { OutboundSmsService } from './outbound/outbound-sms.service';
import { SmsDelivery } from './outbound/sms-delivery.service';
import { OptOutsService } from './opt-outs/opt-outs.service';
import { JobRecovery } from './recovery/job-recovery.service';
import { SmsPolicy } from './policy/sms-policy.service';

/** Messaging: outbound SMS on the queue, confirmations and reminders, billing notices to owners, inbound SMS, opt-outs and delivery status. */
@Module({
  imports: [TypeOrmModule.forFeature([Message, SmsOptOut]), TenancyModule, TelephonyModule, BookingModule, BillingModule],
  controllers: [MessagesController, SmsWebhooksController],
  providers: [
    OptOutsService,
    SmsPolicy,
    SmsDelivery,
    AppointmentTexts,
    OutboundSmsService,
    InboundSmsService,
    InboundTextLog,
    SendSmsJob,
    SendAppointmentConfirmationJob,
    SendAppointmentReminderJob,
    SendAppointmentChangeJob,
    SendBillingNoticeJob,
    SendOwnerAlertJob,
    JobRecovery,
  ],
  exports: [TypeOrmModule, OptOutsService, JobRecovery],
})
export class MessagingModule {}
