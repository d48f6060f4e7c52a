import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

export class SetRachelStatusDto {
  @ApiProperty({ example: false, description: 'true: Rachel answers; false: calls ring the owner directly' })
  @IsBoolean()
  rachel_enabled: boolean;
}
