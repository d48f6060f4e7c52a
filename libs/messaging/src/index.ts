export * from './entities/message.entity';
export * from './entities/sms-opt-out.entity';
export * from './inbound/inbound-keyword';
export * from './inbound/inbound-text-log';
export * from './messaging.module';
export * from './opt-outs/opt-outs.service';
export * from './outbound/message-templates';
export * from './recovery/job-recovery.service';
