export * from './admission/call-admission';
export * from './entities/call-admission.entity';
export * from './entities/credit-account.entity';
export * from './entities/usage-record.entity';
export * from './metering/usage-meter';
export * from './billing.module';
export { STRIPE_WEBHOOK_TAG } from './stripe/stripe-webhook.controller';
export * from './reload/reload-links';
export { dollarsText } from './money/money';
