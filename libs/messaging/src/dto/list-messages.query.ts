import { ApiPropertyOptional } from '@nestjs/swagger';
import { PaginationQuery } from '@ringlypro/core';
import { IsPhoneNumber, NormalizePhone } from '@ringlypro/tenancy';
import { IsOptional } from 'class-validator';

export class ListMessagesQuery extends PaginationQuery {
  @ApiPropertyOptional({ example: '+16565550101', description: 'Only the conversation with this number', maxLength: 32, format: 'phone' })
  @IsOptional()
  @NormalizePhone()
  @IsPhoneNumber()
  phone?: string;
}
