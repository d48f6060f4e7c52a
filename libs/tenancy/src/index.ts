export * from './entities/client.entity';
export * from './entities/contact.entity';
export * from './entities/user.entity';
export * from './tenancy.module';
