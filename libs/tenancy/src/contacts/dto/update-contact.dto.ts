import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsPhoneNumber, NormalizeEmail, NormalizePhone, OptionalNotNull, Trim } from '../../validation/field-validators';
import { CONTACT_STATUSES } from './create-contact.dto';

/**
 * A partial contact. Fields a contact cannot be without (names, phone, status, source) may be left
 * out but not set to null; email and notes may be cleared with null.
 */
export class UpdateContactDto {
  @ApiPropertyOptional({ example: 'Ava' })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  first_name?: string;

  @ApiPropertyOptional({ example: 'Nguyen' })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  last_name?: string;

  @ApiPropertyOptional({ example: '(656) 555-0100', description: 'Any common US format; stored as E.164; unique per business' })
  @OptionalNotNull()
  @NormalizePhone()
  @IsPhoneNumber()
  phone?: string;

  @ApiPropertyOptional({ example: 'ava@example.com', nullable: true, description: 'Unique per business; null clears it' })
  @IsOptional()
  @NormalizeEmail()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(255)
  email?: string | null;

  @ApiPropertyOptional({ example: 'Prefers afternoon appointments', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string | null;

  @ApiPropertyOptional({ enum: CONTACT_STATUSES })
  @OptionalNotNull()
  @IsIn(CONTACT_STATUSES)
  status?: string;

  @ApiPropertyOptional({ example: 'manual' })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @MaxLength(50)
  source?: string;
}
