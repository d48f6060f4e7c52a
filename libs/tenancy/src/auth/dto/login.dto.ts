import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, MaxLength } from 'class-validator';
import { NormalizeEmail } from '../../validation/field-validators';
import { IsWithinBcryptBytes } from '../../validation/password-policy';

export class LoginDto {
  @ApiProperty({ example: 'owner@default-client.demo' })
  @NormalizeEmail()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(255)
  email: string;

  @ApiProperty({ example: 'correct horse battery' })
  @IsWithinBcryptBytes()
  password: string;
}
