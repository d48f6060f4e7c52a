export * from './entities/message.entity';
export * from './messaging.module';
