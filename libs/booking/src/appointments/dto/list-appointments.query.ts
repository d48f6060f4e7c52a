import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate, PaginationQuery } from '@ringlypro/core';
import { IsIn, IsOptional } from 'class-validator';
import { APPOINTMENT_STATUSES, type AppointmentStatus } from '../../entities/appointment.entity';

export class ListAppointmentsQuery extends PaginationQuery {
  @ApiPropertyOptional({ format: 'date', example: '2026-12-01', description: 'First local date (inclusive)' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-12-31', description: 'Last local date (inclusive)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ enum: APPOINTMENT_STATUSES })
  @IsOptional()
  @IsIn(APPOINTMENT_STATUSES)
  status?: AppointmentStatus;
}
