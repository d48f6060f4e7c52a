import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsPhoneNumber, NormalizeEmail, NormalizePhone, Trim } from '../../validation/field-validators';

export const CONTACT_STATUSES = ['active', 'inactive', 'blocked'] as const;

export class CreateContactDto {
  @ApiProperty({ example: 'Ava' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  first_name: string;

  @ApiProperty({ example: 'Nguyen' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  last_name: string;

  @ApiProperty({ example: '(656) 555-0100', description: 'Any common US format; stored as E.164; unique per business' })
  @NormalizePhone()
  @IsPhoneNumber()
  phone: string;

  @ApiPropertyOptional({ example: 'ava@example.com', description: 'Unique per business' })
  @IsOptional()
  @NormalizeEmail()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(255)
  email?: string;

  @ApiPropertyOptional({ example: 'Prefers afternoon appointments' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string;

  @ApiPropertyOptional({ enum: CONTACT_STATUSES, default: 'active' })
  @IsOptional()
  @IsIn(CONTACT_STATUSES)
  status?: string;

  @ApiPropertyOptional({ example: 'manual', default: 'manual' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(50)
  source?: string;
}
