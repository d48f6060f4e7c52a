import { IsCalendarDate } from '@ringlypro/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { OptionalNotNull, Trim } from '@ringlypro/tenancy';
import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { APPOINTMENT_STATUSES, type AppointmentStatus } from '../../entities/appointment.entity';

/** Reschedule (date, time, duration), change status, or edit details. */
export class UpdateAppointmentDto {
  @ApiPropertyOptional({ example: '2026-12-02' })
  @OptionalNotNull()
  @IsCalendarDate()
  appointment_date?: string;

  @ApiPropertyOptional({ example: '14:30' })
  @OptionalNotNull()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'appointment_time must be a time as HH:MM' })
  appointment_time?: string;

  @ApiPropertyOptional({ example: 45, minimum: 5, maximum: 480 })
  @OptionalNotNull()
  @IsInt()
  @Min(5)
  @Max(480)
  duration?: number;

  @ApiPropertyOptional({ enum: APPOINTMENT_STATUSES, description: 'confirmed → completed | cancelled; pending → confirmed | cancelled; cancelled → confirmed only if the time is still free' })
  @OptionalNotNull()
  @IsIn(APPOINTMENT_STATUSES)
  status?: AppointmentStatus;

  @ApiPropertyOptional({ example: 'Follow-up visit' })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @MaxLength(255)
  purpose?: string;

  @ApiPropertyOptional({ example: 'Bring the warranty card' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(5000)
  notes?: string;
}
