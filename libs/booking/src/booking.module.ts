import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenancyModule } from '@ringlypro/tenancy';
import { AppointmentsController } from './appointments/appointments.controller';
import { AppointmentsService } from './appointments/appointments.service';
import { AvailabilityService } from './availability/availability.service';
import { Appointment } from './entities/appointment.entity';
import { SlotHold } from './entities/slot-hold.entity';
import { SlotHolds } from './holds/slot-holds.service';

/** Booking: availability, appointments, confirmation codes and reminder scheduling. */
@Module({
  imports: [TypeOrmModule.forFeature([Appointment, SlotHold]), TenancyModule],
  controllers: [AppointmentsController],
  providers: [AvailabilityService, AppointmentsService, SlotHolds],
  exports: [TypeOrmModule, AvailabilityService, AppointmentsService, SlotHolds],
})
export class BookingModule {}
