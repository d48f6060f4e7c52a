import { DecimalInteger, IsCalendarDate } from '@ringlypro/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class AvailabilityQuery {
  @ApiPropertyOptional({ format: 'date', example: '2026-12-01', description: 'One local date; or use from/to' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-12-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-12-14', description: 'At most 31 days after from' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ example: 60, minimum: 5, maximum: 480, description: "Length of the appointment sought; defaults to the business's" })
  @IsOptional()
  @DecimalInteger()
  @IsInt()
  @Min(5)
  @Max(480)
  duration?: number;
}
