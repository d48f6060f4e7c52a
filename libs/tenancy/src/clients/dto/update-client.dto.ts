import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import {
  IsBusinessDays,
  IsClockTime,
  IsPhoneNumber,
  IsTimeZone,
  NormalizeBusinessDays,
  NormalizeEmail,
  NormalizePhone,
  Trim,
} from '../../validation/field-validators';

/** The business profile and Rachel's settings; every field optional, unknown fields refused. */
export class UpdateClientDto {
  @ApiPropertyOptional({ example: 'Acme Plumbing & Heating' })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  business_name?: string;

  @ApiPropertyOptional({ example: 'Dana Reyes' })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  owner_name?: string;

  @ApiPropertyOptional({ example: "Thanks for calling Acme Plumbing. I'm Rachel; how can I help?" })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  custom_greeting?: string;

  @ApiPropertyOptional({ example: '08:30', description: 'HH:MM, local to timezone' })
  @IsOptional()
  @IsClockTime()
  business_hours_start?: string;

  @ApiPropertyOptional({ example: '17:30', description: 'HH:MM, after business_hours_start' })
  @IsOptional()
  @IsClockTime()
  business_hours_end?: string;

  @ApiPropertyOptional({ example: 'Mon-Fri', description: 'e.g. Mon-Fri, Mon-Sat, Mon,Wed,Fri, Tue-Sat (case-insensitive)' })
  @IsOptional()
  @NormalizeBusinessDays()
  @IsBusinessDays()
  business_days?: string;

  @ApiPropertyOptional({ example: 'America/Chicago' })
  @IsOptional()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ example: 45, minimum: 5, maximum: 480 })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(480)
  appointment_duration?: number;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  booking_enabled?: boolean;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  sms_notifications?: boolean;

  @ApiPropertyOptional({ example: '+16566001401' })
  @IsOptional()
  @NormalizePhone()
  @IsPhoneNumber()
  owner_phone?: string;

  @ApiPropertyOptional({ example: 'dana@acme-plumbing.com' })
  @IsOptional()
  @NormalizeEmail()
  @IsEmail({}, { message: 'owner_email must be a valid email address' })
  @MaxLength(255)
  owner_email?: string;
}
