import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  IsBusinessDays,
  IsClockTime,
  IsNorthAmericanPhone,
  IsTimeZone,
  NormalizeBusinessDays,
  NormalizeEmail,
  NormalizePhone,
  OptionalNotNull,
  Trim,
} from '../../validation/field-validators';

/** The business profile and Rachel's settings; every field optional (never null), unknown fields refused. */
export class UpdateClientDto {
  @ApiPropertyOptional({ example: 'Acme Plumbing & Heating' })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  business_name?: string;

  @ApiPropertyOptional({ example: 'Dana Reyes' })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  owner_name?: string;

  @ApiPropertyOptional({ example: "Thanks for calling Acme Plumbing. I'm Rachel; how can I help?" })
  @OptionalNotNull()
  @IsString()
  @MaxLength(1000)
  custom_greeting?: string;

  @ApiPropertyOptional({
    example: 'EXAVITQu4vr4xnSDxMaL',
    nullable: true,
    description: "The ElevenLabs voice Rachel speaks with for this business (8-64 letters and digits); null: the platform's default voice",
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9]{8,64}$/, { message: 'voice_id must be an ElevenLabs voice id (8-64 letters and digits), or null for the default voice' })
  voice_id?: string | null;

  @ApiPropertyOptional({
    enum: ['gather', 'relay'],
    example: 'relay',
    nullable: true,
    description:
      "How Rachel's calls are carried: 'gather' (a Twilio webhook per turn) or 'relay' (Twilio ConversationRelay: streamed speech the caller can interrupt); null: the platform default (VOICE_TRANSPORT)",
  })
  @IsOptional()
  @IsIn(['gather', 'relay'], { message: "voice_transport must be 'gather' or 'relay', or null for the platform default" })
  voice_transport?: 'gather' | 'relay' | null;

  @ApiPropertyOptional({
    example: 'A check-up and clean is $120; whitening starts at $300. We also do crowns and fillings.',
    description: 'What Rachel says when a caller asks about prices or services (read out as written)',
    maxLength: 1000,
  })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @MaxLength(1000)
  services_info?: string;

  @ApiPropertyOptional({ example: '12 Main Street, Springfield', description: 'What Rachel says when a caller asks where the business is', maxLength: 300 })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @MaxLength(300)
  business_address?: string;

  @ApiPropertyOptional({ example: '08:30', description: 'HH:MM, local to timezone' })
  @OptionalNotNull()
  @IsClockTime()
  business_hours_start?: string;

  @ApiPropertyOptional({ example: '17:30', description: 'HH:MM, after business_hours_start' })
  @OptionalNotNull()
  @IsClockTime()
  business_hours_end?: string;

  @ApiPropertyOptional({ example: 'Mon-Fri', description: 'e.g. Mon-Fri, Mon-Sat, Mon,Wed,Fri, Tue-Sat (case-insensitive)' })
  @OptionalNotNull()
  @NormalizeBusinessDays()
  @IsBusinessDays()
  business_days?: string;

  @ApiPropertyOptional({ example: 'America/Chicago', maxLength: 50, description: 'IANA region name (Area/Location); not EST, UTC or Etc/GMT+5' })
  @OptionalNotNull()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ example: 45, minimum: 5, maximum: 480 })
  @OptionalNotNull()
  @IsInt()
  @Min(5)
  @Max(480)
  appointment_duration?: number;

  @ApiPropertyOptional({ example: true })
  @OptionalNotNull()
  @IsBoolean()
  booking_enabled?: boolean;

  @ApiPropertyOptional({ example: true })
  @OptionalNotNull()
  @IsBoolean()
  sms_notifications?: boolean;

  @ApiPropertyOptional({ example: '+16566001401', maxLength: 32, description: 'US or Canadian number (NANP); stored as E.164' })
  @OptionalNotNull()
  @NormalizePhone()
  @IsNorthAmericanPhone()
  owner_phone?: string;

  @ApiPropertyOptional({ example: 'dana@acme-plumbing.com' })
  @OptionalNotNull()
  @NormalizeEmail()
  @IsEmail({}, { message: 'owner_email must be a valid email address' })
  @MaxLength(255)
  owner_email?: string;
}
