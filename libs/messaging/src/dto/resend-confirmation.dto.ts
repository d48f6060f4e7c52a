import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';

export class ResendConfirmationDto {
  @ApiProperty({ example: 41 })
  @IsInt()
  @Min(1)
  appointment_id: number;
}
