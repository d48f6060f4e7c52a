import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { IsNorthAmericanPhone, IsTimeZone, NormalizeEmail, NormalizePhone, Trim } from '../../validation/field-validators';
import { IsAcceptablePassword, PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH } from '../../validation/password-policy';

export class RegisterDto {
  @ApiProperty({ example: 'dana@acme-plumbing.com' })
  @NormalizeEmail()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(255)
  email: string;

  @ApiProperty({
    example: 'correct horse battery',
    minLength: PASSWORD_MIN_LENGTH,
    // The bound is 72 UTF-8 bytes; a character is at least one byte, so no accepted password is longer than 72 characters.
    maxLength: PASSWORD_MAX_BYTES,
    description: `At least ${PASSWORD_MIN_LENGTH} characters and at most ${PASSWORD_MAX_BYTES} bytes (bcrypt reads no more), not only spaces or digits, not a commonly leaked password`,
  })
  @IsAcceptablePassword()
  password: string;

  @ApiProperty({ example: 'Dana' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  first_name: string;

  @ApiProperty({ example: 'Reyes' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  last_name: string;

  @ApiProperty({ example: 'Acme Plumbing' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  business_name: string;

  @ApiProperty({ example: '(656) 600-1400', maxLength: 32, description: 'US or Canadian number (NANP) in any common format; stored as E.164' })
  @NormalizePhone()
  @IsNorthAmericanPhone()
  business_phone: string;

  @ApiPropertyOptional({ example: '+16566001401', maxLength: 32, description: 'US or Canadian number (NANP); defaults to business_phone' })
  @IsOptional()
  @NormalizePhone()
  @IsNorthAmericanPhone()
  owner_phone?: string;

  @ApiPropertyOptional({ example: 'dana@acme-plumbing.com', description: 'Defaults to email' })
  @IsOptional()
  @NormalizeEmail()
  @IsEmail({}, { message: 'owner_email must be a valid email address' })
  @MaxLength(255)
  owner_email?: string;

  @ApiPropertyOptional({ example: 'Plumbing' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  business_type?: string;

  @ApiPropertyOptional({ example: 'https://acme-plumbing.com' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'website_url must be an http(s) URL' })
  @MaxLength(500)
  website_url?: string;

  @ApiPropertyOptional({ example: 'America/New_York', default: 'America/New_York', maxLength: 50, description: 'IANA region name (Area/Location); not EST, UTC or Etc/GMT+5' })
  @IsOptional()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ example: '656', description: 'Preferred area code for the Rachel number' })
  @IsOptional()
  @Matches(/^[2-9]\d{2}$/, { message: 'area_code must be a 3-digit US area code' })
  area_code?: string;
}
