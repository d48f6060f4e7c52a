export * from './entities/appointment.entity';
export * from './booking.module';
