import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiSuccess } from '@ringlypro/core';
import { AdminOnly, CLIENT_ID_PARAM } from '@ringlypro/tenancy';
import { randomUUID } from 'node:crypto';
import { CreditLedger } from '../ledger/credit-ledger.service';
import { parseMoney } from '../money/money';
import { CREDIT_ENTRY_EXAMPLE, usageEntryView } from './credit-views';
import { AdjustmentDto } from './dto/adjustment.dto';

/** Platform admins correct a business's credit — always with a reason, always in the ledger. */
@ApiTags('credits')
@ApiBearerAuth('bearer')
@Controller('api/credits/:client_id/adjustments')
export class CreditAdjustmentsController {
  constructor(private readonly ledger: CreditLedger) {}

  @Post()
  @AdminOnly()
  @ApiOperation({ summary: 'Admin: refund dollars to the paid balance, or grant goodwill minutes for this month, with a reason' })
  @ApiParam({ ...CLIENT_ID_PARAM, description: 'The client whose credit is adjusted' })
  @ApiSuccess(
    {
      success: true,
      duplicate: false,
      entry: {
        ...CREDIT_ENTRY_EXAMPLE,
        source: 'admin',
        reference: 'admin:ticket-4411',
        credit: '3.50',
        balance_before: '12.40',
        balance_after: '15.90',
        reason: 'Refund: Dropped call on Nov 3 billed twice',
      },
    },
    { status: 201 },
  )
  @ApiErrors(400, 401, 429, [404, 'No such client'])
  async adjust(@Body() dto: AdjustmentDto) {
    const reference = `admin:${dto.idempotency_key ?? randomUUID()}`;
    const result =
      dto.kind === 'refund'
        ? await this.ledger.credit({ reference, amount: parseMoney(dto.amount!), usageType: 'adjustment', source: 'admin', reason: `Refund: ${dto.reason}` })
        : await this.ledger.grantMinutes({ reference, minutes: dto.minutes!, source: 'admin', reason: `Goodwill minutes: ${dto.reason}` });
    return { duplicate: result.outcome === 'duplicate', entry: usageEntryView(result.record, (d) => d.toISOString()) };
  }
}
