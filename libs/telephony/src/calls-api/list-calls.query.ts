import { ApiPropertyOptional } from '@nestjs/swagger';
import { PaginationQuery } from '@ringlypro/core';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CALL_OUTCOMES, type CallOutcome } from '../entities/call.entity';

/** ?from=&to=&outcome= on top of paging; dates are the business's local calendar dates. */
export class ListCallsQuery extends PaginationQuery {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'First local date (inclusive), in the business time zone', format: 'date' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date as YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last local date (inclusive)', format: 'date' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date as YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ enum: CALL_OUTCOMES, description: 'How the call ended' })
  @IsOptional()
  @IsIn(CALL_OUTCOMES)
  outcome?: CallOutcome;
}
