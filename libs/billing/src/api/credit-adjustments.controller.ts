import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiSuccess, ConflictError } from '@ringlypro/core';
import { AdminOnly, CLIENT_ID_PARAM } from '@ringlypro/tenancy';
import { randomUUID } from 'node:crypto';
import type { UsageRecord } from '../entities/usage-record.entity';
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
  @ApiErrors(400, 401, 429, [404, 'No such client'], [409, 'idempotency_key was already used for a different adjustment'])
  async adjust(@Body() dto: AdjustmentDto) {
    const reference = `admin:${dto.idempotency_key ?? randomUUID()}`;
    const result =
      dto.kind === 'refund'
        ? await this.ledger.credit({ reference, amount: parseMoney(dto.amount!), usageType: 'adjustment', source: 'admin', reason: reason(dto) })
        : await this.ledger.grantMinutes({ reference, minutes: dto.minutes!, source: 'admin', reason: reason(dto) });
    // A replay is only a replay if it asks for the same thing; a reused key with another body is a mistake to report.
    if (result.outcome === 'duplicate' && !isSameAdjustment(result.record, dto, reason(dto))) {
      throw new ConflictError(`idempotency_key '${dto.idempotency_key}' was already used for a different adjustment`, 'idempotency_key');
    }
    return { duplicate: result.outcome === 'duplicate', entry: usageEntryView(result.record, (d) => d.toISOString()) };
  }
}

function reason(dto: AdjustmentDto): string {
  return dto.kind === 'refund' ? `Refund: ${dto.reason}` : `Goodwill minutes: ${dto.reason}`;
}

/** Does the entry an idempotency key already made say what this request asks (kind, amount, reason)? */
function isSameAdjustment(entry: UsageRecord, dto: AdjustmentDto, wantedReason: string): boolean {
  if (entry.usage_type !== 'adjustment' || entry.source !== 'admin' || entry.reason !== wantedReason) return false;
  if (dto.kind === 'refund') return parseMoney(entry.credit_amount) === parseMoney(dto.amount!) && parseMoney(entry.credit_amount) > 0n;
  return parseMoney(entry.credit_amount) === 0n && (entry.free_minutes_after ?? 0) - (entry.free_minutes_before ?? 0) === dto.minutes;
}
