import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiSuccess, TenantDatabase } from '@ringlypro/core';
import { CrossTenant, Public } from '@ringlypro/tenancy';
import { CreditLedger } from '../ledger/credit-ledger.service';
import { USAGE_ENTRY_EXAMPLE, usageEntryView } from './credit-views';
import { TrackUsageDto } from './dto/track-usage.dto';
import { InternalOrAdminGuard } from './internal-or-admin.guard';

/**
 * The seed's manual usage entry, for platform admins and internal services. It writes through the
 * same ledger as metering, under the same keys: a call_sid or message_sid already charged (by the
 * meter or by an earlier request) changes nothing and answers `duplicate: true`.
 */
@ApiTags('credits')
@Controller('api/credits')
export class TrackUsageController {
  constructor(
    private readonly db: TenantDatabase,
    private readonly ledger: CreditLedger,
  ) {}

  @Post('track-usage')
  @Public()
  @CrossTenant()
  @UseGuards(InternalOrAdminGuard)
  @HttpCode(200)
  @ApiBearerAuth('bearer')
  @ApiHeader({ name: 'X-Internal-Token', required: false, description: 'BILLING_INTERNAL_TOKEN, instead of an admin bearer token' })
  @ApiOperation({ summary: 'Record a call or text by hand (platform admins or internal token); idempotent per call_sid / message_sid' })
  @ApiSuccess({ success: true, duplicate: false, entry: { ...USAGE_ENTRY_EXAMPLE, source: 'manual', created_at_local: USAGE_ENTRY_EXAMPLE.created_at } })
  @ApiErrors(
    [400, 'A missing or malformed field, named'],
    [401, 'No admin token and no valid internal token'],
    [403, 'Authenticated, but not a platform admin'],
    [404, 'No such client'],
    429,
  )
  async track(@Body() dto: TrackUsageDto) {
    const result = await this.db.run(dto.client_id, () =>
      dto.usage_type === 'voice_call' ? this.ledger.chargeCall(dto.call_sid!, dto.duration_seconds!, 'manual') : this.ledger.chargeText(dto.message_sid!, dto.segments!, 'manual'),
    );
    return { duplicate: result.outcome === 'duplicate', entry: usageEntryView(result.record, (d) => d.toISOString()) };
  }
}
