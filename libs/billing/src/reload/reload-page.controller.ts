import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { type AppConfig, APP_CONFIG, Clock, LOGGER, type Logger, TenantDatabase } from '@ringlypro/core';
import { CrossTenant, Public, TenantClientStore } from '@ringlypro/tenancy';
import type { Response } from 'express';
import { CreditReports } from '../api/credit-reports.service';
import { CREDIT_PACKS } from '../api/dto/checkout.dto';
import { CreditCheckout } from '../stripe/credit-checkout.service';
import { RecentCheckouts } from './recent-checkouts';
import { messagePage, reloadPage } from './reload-page-html';
import { ReloadLinks } from './reload-links';

const EXPIRED = messagePage('This link has expired', 'Links in RinglyPro texts last two weeks. Sign in to your dashboard to add credit, or wait for the next reminder.');
const UNKNOWN = messagePage('Link not recognised', 'This link is not complete. Open it again from the text message, or sign in to your dashboard.');

/**
 * The pages behind the links in owners' texts and Stripe's return URLs. They are HTML for a phone,
 * not API: kept out of the OpenAPI document. Every answer is a page — an altered or expired link gets
 * a page saying so, never a JSON error.
 */
@ApiExcludeController()
@Public()
@CrossTenant()
@Controller('billing')
export class ReloadPageController {
  private readonly recent = new RecentCheckouts();

  constructor(
    private readonly links: ReloadLinks,
    private readonly db: TenantDatabase,
    private readonly reports: CreditReports,
    private readonly clients: TenantClientStore,
    private readonly checkout: CreditCheckout,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly clock: Clock,
  ) {}

  /** Where Stripe sends the owner back after paying or giving up (the checkout's success and cancel URLs). */
  @Get()
  returned(@Query('checkout') outcome: unknown, @Res() res: Response): void {
    if (outcome === 'success') return send(res, 200, messagePage('Thank you', 'Your payment went through. The credit appears on your balance within a minute, and Rachel answers again if she was paused.'));
    if (outcome === 'cancelled') return send(res, 200, messagePage('Nothing was charged', 'The payment was cancelled. Open the link in the text again whenever you want to add credit.'));
    send(res, 404, UNKNOWN);
  }

  /** The owner's balance and one button per credit pack. */
  @Get('reload')
  async reload(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const link = this.links.verify(query);
    if (link === 'expired') return send(res, 410, EXPIRED);
    if (!link) return send(res, 404, UNKNOWN);
    const view = await this.db.run(link.clientId, async () => {
      const client = await this.clients.get().catch(() => null);
      if (!client || !client.active) return null;
      const balance = await this.reports.balance();
      return { client, balance };
    });
    if (!view) return send(res, 404, UNKNOWN);
    const signed = this.links.query(link.token);
    send(
      res,
      200,
      reloadPage({
        businessName: view.client.business_name,
        balance: view.balance.balance,
        freeMinutesLeft: view.balance.free_minutes.left,
        resetsOn: view.balance.free_minutes.resets_on,
        rachelPaused: view.balance.rachel_paused,
        packs: this.config.stripe ? CREDIT_PACKS.map((dollars) => ({ dollars, href: `/billing/reload/checkout?${signed}&amount=${dollars}` })) : null,
      }),
    );
  }

  /** One tap on a pack: a Stripe Checkout for it, and the owner is sent there (303). */
  @Get('reload/checkout')
  async startCheckout(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const link = this.links.verify(query);
    if (link === 'expired') return send(res, 410, EXPIRED);
    if (!link) return send(res, 404, UNKNOWN);
    const dollars = CREDIT_PACKS.find((pack) => query.amount === String(pack));
    if (!dollars) return send(res, 400, messagePage('Choose an amount', 'Credit comes in packs of $10, $20, $50 or $100. Go back and choose one.'));
    if (!this.config.stripe) return send(res, 404, messagePage('Card payments are not set up', 'Contact RinglyPro support to add credit.'));
    const active = await this.db.run(link.clientId, async () => (await this.clients.get().catch(() => null))?.active === true);
    if (!active) return send(res, 404, UNKNOWN);
    const now = this.clock.now().getTime();
    const open = this.recent.get(link.clientId, dollars, now);
    if (open) return res.redirect(303, open);
    try {
      const session = await this.checkout.start(link.clientId, dollars);
      this.recent.remember(link.clientId, dollars, session.checkout_url, now);
      res.redirect(303, session.checkout_url);
    } catch (err) {
      this.logger.warn({ err, client_id: link.clientId }, 'reload link: checkout could not start');
      send(res, 502, messagePage('Payment could not start', 'The payment provider did not answer. Nothing was charged; try again in a minute.'));
    }
  }
}

function send(res: Response, status: number, html: string): void {
  res.status(status).type('html').setHeader('Cache-Control', 'no-store').send(html);
}
