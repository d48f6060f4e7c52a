import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, MaxLength } from 'class-validator';
import { NormalizeEmail } from '../../validation/field-validators';
import { IsWithinBcryptBytes, PASSWORD_MAX_BYTES } from '../../validation/password-policy';

export class LoginDto {
  @ApiProperty({ example: 'owner@default-client.demo' })
  @NormalizeEmail()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(255)
  email: string;

  @ApiProperty({ example: 'correct horse battery', minLength: 1, maxLength: PASSWORD_MAX_BYTES, description: `At most ${PASSWORD_MAX_BYTES} bytes (UTF-8), the most bcrypt compares` })
  @IsWithinBcryptBytes()
  password: string;
}
