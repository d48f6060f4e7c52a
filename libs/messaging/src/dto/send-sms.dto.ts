import { ApiProperty } from '@nestjs/swagger';
import { IsPhoneNumber, NormalizePhone } from '@ringlypro/tenancy';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class SendSmsDto {
  @ApiProperty({ example: '+16565550101', description: 'E.164 (common US formats are accepted)' })
  @NormalizePhone()
  @IsPhoneNumber()
  to: string;

  @ApiProperty({ example: 'Your technician is on the way!', minLength: 1, maxLength: 1600 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1600)
  body: string;
}
