import { Body, Controller, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AdminOnly } from '@ringlypro/tenancy';
import { randomUUID } from 'node:crypto';
import { CreditLedger } from '../ledger/credit-ledger.service';
import { parseMoney } from '../money/money';
import { USAGE_ENTRY_EXAMPLE, usageEntryView } from './credit-views';
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
  @ApiCreatedResponse({
    schema: { example: { success: true, duplicate: false, entry: { ...USAGE_ENTRY_EXAMPLE, usage_type: 'adjustment', source: 'admin', credit: '3.50', reason: 'Dropped call billed twice' } } },
  })
  @ApiBadRequestResponse({ description: 'A missing or malformed field, named' })
  @ApiUnauthorizedResponse({ description: 'No valid bearer token' })
  @ApiNotFoundResponse({ description: 'No such client' })
  async adjust(@Body() dto: AdjustmentDto) {
    const reference = `admin:${dto.idempotency_key ?? randomUUID()}`;
    const result =
      dto.kind === 'refund'
        ? await this.ledger.credit({ reference, amount: parseMoney(dto.amount!), usageType: 'adjustment', source: 'admin', reason: `Refund: ${dto.reason}` })
        : await this.ledger.grantMinutes({ reference, minutes: dto.minutes!, source: 'admin', reason: `Goodwill minutes: ${dto.reason}` });
    return { duplicate: result.outcome === 'duplicate', entry: usageEntryView(result.record, (d) => d.toISOString()) };
  }
}
