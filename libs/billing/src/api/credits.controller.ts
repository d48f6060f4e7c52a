import { Body, Controller, Get, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, ApiErrors, ApiSuccess, type AppConfig, NotFoundError } from '@ringlypro/core';
import { type AuthUser, CrossTenant, CurrentUser } from '@ringlypro/tenancy';
import { randomUUID } from 'node:crypto';
import { CreditLedger } from '../ledger/credit-ledger.service';
import { parseMoney } from '../money/money';
import { CreditCheckout } from '../stripe/credit-checkout.service';
import { CreditReports } from './credit-reports.service';
import { BALANCE_EXAMPLE, CREDIT_ENTRY_EXAMPLE, USAGE_ENTRY_EXAMPLE, usageEntryView } from './credit-views';
import { AddCreditsDto } from './dto/add-credits.dto';
import { CheckoutDto } from './dto/checkout.dto';
import { DailyUsageQuery, UsageQuery } from './dto/usage.query';


/** The business's own credit: balance, ledger, daily totals, reloads. Every route is tenant-scoped. */
@ApiTags('credits')
@ApiErrors(401, 429)
@ApiBearerAuth('bearer')
@Controller('api/credits')
export class CreditsController {
  constructor(
    private readonly reports: CreditReports,
    private readonly ledger: CreditLedger,
    private readonly checkout: CreditCheckout,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('balance')
  @ApiOperation({ summary: 'Paid balance, free minutes used and left this month, reset date, rate, minutes this month, low-balance flag' })
  @ApiSuccess(BALANCE_EXAMPLE, { description: 'Money in US dollars as decimal strings; minutes as integers' })
  balance() {
    return this.reports.balance();
  }

  @Get('usage')
  @ApiOperation({ summary: "The ledger, newest first: charges, credits and adjustments, optionally between two local dates" })
  @ApiSuccess({ success: true, timezone: 'America/New_York', data: [USAGE_ENTRY_EXAMPLE], pagination: { page: 1, page_size: 20, total: 1 } })
  @ApiErrors([400, 'A malformed date, to before from, or a bad page; error.fields names it'])
  usage(@Query() query: UsageQuery) {
    return this.reports.usage(query.from, query.to, query.page, query.page_size);
  }

  @Get('usage/daily')
  @ApiOperation({ summary: 'Daily totals between two local dates (default the last 30 days, at most 366): calls, minutes free and paid, texts, cost, credits' })
  @ApiSuccess({
    success: true,
    timezone: 'America/New_York',
    from: '2026-11-01',
    to: '2026-11-02',
    days: [
      { date: '2026-11-01', calls: 4, minutes: 11, free_minutes: 11, paid_minutes: 0, texts: 3, text_segments: 3, cost: '0.00', credits: '0.00' },
      { date: '2026-11-02', calls: 0, minutes: 0, free_minutes: 0, paid_minutes: 0, texts: 0, text_segments: 0, cost: '0.00', credits: '20.00' },
    ],
  })
  @ApiErrors([400, 'A malformed date, to before from, or more than 366 days; error.fields names it'])
  daily(@Query() query: DailyUsageQuery) {
    return this.reports.daily(query.from, query.to);
  }

  @Post('checkout')
  @CrossTenant()
  @ApiOperation({ summary: 'Start a Stripe Checkout for a credit pack ($10, $20, $50 or $100); the balance is credited when Stripe reports the payment' })
  @ApiSuccess({ success: true, checkout_url: 'https://checkout.stripe.com/c/pay/cs_test_a1b2c3', session_id: 'cs_test_a1b2c3' }, { status: 201 })
  @ApiErrors(
    [400, 'amount is not one of 10, 20, 50, 100'],
    [502, 'Stripe failed to create the session; nothing was charged'],
    [503, 'Stripe is not configured on this server'],
  )
  // No tenant transaction: nothing is written, and none is held open while Stripe answers.
  startCheckout(@CurrentUser() user: AuthUser, @Body() dto: CheckoutDto) {
    return this.checkout.start(user.client_id, dto.amount);
  }

  @Post('test/add-credits')
  @ApiOperation({ summary: 'Development and test only: add credit without paying (404 in production)' })
  @ApiSuccess({ success: true, balance: '35.00', entry: CREDIT_ENTRY_EXAMPLE }, { status: 201 })
  @ApiErrors([400, 'amount is not a dollar amount from 0.01 to 1000.00'], [404, 'In production'])
  async addTestCredits(@Body() dto: AddCreditsDto) {
    if (this.config.nodeEnv === 'production') throw new NotFoundError('Not found');
    const result = await this.ledger.credit({ reference: `test:${randomUUID()}`, amount: parseMoney(dto.amount), usageType: 'adjustment', source: 'test', reason: 'Test credit (development)' });
    return { balance: result.record.balance_after, entry: usageEntryView(result.record, (d) => d.toISOString()) };
  }
}

