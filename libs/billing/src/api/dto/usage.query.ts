import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate, PaginationQuery } from '@ringlypro/core';
import { IsOptional } from 'class-validator';

/** The ledger between two local dates of the business (both inclusive), newest first. */
export class UsageQuery extends PaginationQuery {
  @ApiPropertyOptional({ format: 'date', example: '2026-11-01', description: "First local date (inclusive), in the business's timezone" })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-30', description: 'Last local date (inclusive)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

/** Daily totals for the dashboard's charts; defaults to the last 30 local days. */
export class DailyUsageQuery {
  @ApiPropertyOptional({ format: 'date', example: '2026-11-01', description: 'First local date (inclusive); default 29 days before `to`' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-30', description: "Last local date (inclusive); default today in the business's timezone" })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}
