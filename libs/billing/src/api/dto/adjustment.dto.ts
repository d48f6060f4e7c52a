import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { IsDollarAmount, IsSafeText } from './billing-validators';

/**
 * An administrator's correction, always with a reason. refund: dollars back into the paid balance
 * (a misbilled call, a service problem). goodwill_minutes: extra free minutes for the current month.
 */
export class AdjustmentDto {
  @ApiProperty({ enum: ['refund', 'goodwill_minutes'] })
  @IsIn(['refund', 'goodwill_minutes'])
  kind: 'refund' | 'goodwill_minutes';

  @ApiPropertyOptional({ example: '3.50', description: 'refund only: US dollars as a string, 0.01 to 1000.00' })
  @ValidateIf((o: AdjustmentDto) => o.kind === 'refund' || o.amount !== undefined)
  @IsDollarAmount(0.01, 1000)
  amount?: string;

  @ApiPropertyOptional({ example: 30, description: 'goodwill_minutes only: 1 to 1000' })
  @ValidateIf((o: AdjustmentDto) => o.kind === 'goodwill_minutes' || o.minutes !== undefined)
  @IsInt()
  @Min(1)
  @Max(1000)
  minutes?: number;

  @ApiProperty({ example: 'Dropped call on Nov 3 billed twice', minLength: 3, maxLength: 500 })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  @IsSafeText()
  reason: string;

  @ApiPropertyOptional({ example: 'ticket-4411', description: 'Makes a retried request apply once; default: each request applies' })
  @ValidateIf((o: AdjustmentDto) => o.idempotency_key !== undefined)
  @Matches(/^[A-Za-z0-9_.:-]{1,100}$/, { message: 'idempotency_key must be 1-100 letters, digits, _ . : or -' })
  idempotency_key?: string;
}
