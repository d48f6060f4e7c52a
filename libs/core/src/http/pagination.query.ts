import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DecimalInteger } from './decimal-integer';

/** ?page=&page_size= for every list endpoint; pages start at 1. */
export class PaginationQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100_000, default: 1, example: 1 })
  @IsOptional()
  @DecimalInteger()
  @IsInt()
  @Min(1)
  @Max(100_000)
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20, example: 20 })
  @IsOptional()
  @DecimalInteger()
  @IsInt()
  @Min(1)
  @Max(100)
  page_size: number = 20;
}

export interface Paginated<T> {
  data: T[];
  pagination: { page: number; page_size: number; total: number };
}

export function paginated<T, R>(page: { items: T[]; total: number; page: number; page_size: number }, view: (item: T) => R): Paginated<R> {
  return { data: page.items.map(view), pagination: { page: page.page, page_size: page.page_size, total: page.total } };
}
