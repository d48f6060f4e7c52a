import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Appointment } from './entities/appointment.entity';

/** Booking: availability, appointments, confirmation codes and reminders. */
@Module({
  imports: [TypeOrmModule.forFeature([Appointment])],
  exports: [TypeOrmModule],
})
export class BookingModule {}
