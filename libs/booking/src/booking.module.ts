import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenancyModule } from '@ringlypro/tenancy';
import { AppointmentsController } from './appointments/appointments.controller';
import { AppointmentsService } from './appointments/appointments.service';
import { AvailabilityService } from './availability/availability.service';
import { Appointment } from './entities/appointment.entity';

/** Booking: availability, appointments, confirmation codes and reminder scheduling. */
@Module({
  imports: [TypeOrmModule.forFeature([Appointment]), TenancyModule],
  controllers: [AppointmentsController],
  providers: [AvailabilityService, AppointmentsService],
  exports: [TypeOrmModule, AvailabilityService, AppointmentsService],
})
export class BookingModule {}
