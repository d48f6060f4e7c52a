import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

/** The seed's credit packs. */
export const CREDIT_PACKS = [10, 20, 50, 100] as const;

export class CheckoutDto {
  @ApiProperty({ type: 'integer', enum: CREDIT_PACKS, minimum: CREDIT_PACKS[0], maximum: CREDIT_PACKS[CREDIT_PACKS.length - 1], example: 20, description: 'Whole US dollars: one of the credit packs' })
  @IsIn(CREDIT_PACKS, { message: 'amount must be one of 10, 20, 50 or 100 (US dollars)' })
  amount: (typeof CREDIT_PACKS)[number];
}
