export * from './admission/call-admission';
export * from './entities/credit-account.entity';
export * from './entities/usage-record.entity';
export * from './billing.module';
