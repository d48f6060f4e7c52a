import { ApiPropertyOptional } from '@nestjs/swagger';
import { PaginationQuery } from '@ringlypro/core';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { APPOINTMENT_STATUSES, type AppointmentStatus } from '../../entities/appointment.entity';

export class ListAppointmentsQuery extends PaginationQuery {
  @ApiPropertyOptional({ format: 'date', example: '2026-12-01', description: 'First local date (inclusive)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date as YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-12-31', description: 'Last local date (inclusive)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date as YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ enum: APPOINTMENT_STATUSES })
  @IsOptional()
  @IsIn(APPOINTMENT_STATUSES)
  status?: AppointmentStatus;
}
