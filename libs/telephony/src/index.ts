export * from './entities/call.entity';
export * from './telephony.module';
