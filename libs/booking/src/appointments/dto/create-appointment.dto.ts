import { IsCalendarDate } from '@ringlypro/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsPhoneNumber, NormalizeEmail, NormalizePhone, Trim } from '@ringlypro/tenancy';
import { IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { APPOINTMENT_SOURCES, type AppointmentSource } from '../../entities/appointment.entity';

export class CreateAppointmentDto {
  @ApiProperty({ example: 'Ava Nguyen' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  customer_name: string;

  @ApiProperty({ example: '(656) 555-0101', description: 'Any common US format; stored as E.164' })
  @NormalizePhone()
  @IsPhoneNumber()
  customer_phone: string;

  @ApiPropertyOptional({ example: 'ava@example.com' })
  @IsOptional()
  @NormalizeEmail()
  @IsEmail({}, { message: 'customer_email must be a valid email address' })
  @MaxLength(255)
  customer_email?: string;

  @ApiProperty({ example: '2026-12-01', description: "YYYY-MM-DD in the business's time zone" })
  @IsCalendarDate()
  appointment_date: string;

  @ApiProperty({ example: '10:00', description: "HH:MM in the business's time zone" })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'appointment_time must be a time as HH:MM' })
  appointment_time: string;

  @ApiPropertyOptional({ example: 30, minimum: 5, maximum: 480, description: "Defaults to the business's appointment duration" })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(480)
  duration?: number;

  @ApiPropertyOptional({ example: 'Estimate for a leaking water heater' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(255)
  purpose?: string;

  @ApiPropertyOptional({ example: 'Side door; dog is friendly' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string;

  @ApiPropertyOptional({ enum: APPOINTMENT_SOURCES, default: 'manual' })
  @IsOptional()
  @IsIn(APPOINTMENT_SOURCES)
  source?: AppointmentSource;
}
