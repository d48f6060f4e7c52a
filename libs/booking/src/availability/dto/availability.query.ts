import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class AvailabilityQuery {
  @ApiPropertyOptional({ format: 'date', example: '2026-12-01', description: 'One local date; or use from/to' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a date as YYYY-MM-DD' })
  date?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-12-01' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date as YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-12-14', description: 'At most 31 days after from' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date as YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ example: 60, minimum: 5, maximum: 480, description: "Length of the appointment sought; defaults to the business's" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(480)
  duration?: number;
}
