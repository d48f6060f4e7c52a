import { ApiPropertyOptional } from '@nestjs/swagger';
import { PaginationQuery } from '@ringlypro/core';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ListContactsQuery extends PaginationQuery {
  @ApiPropertyOptional({ example: 'nguyen', description: 'Searches name, phone and email', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
