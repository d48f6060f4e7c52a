import { Injectable } from '@nestjs/common';
import { InvalidInputError, TenantRepository } from '@ringlypro/core';
import { BillingSettings } from '../billing-settings';
import { UsageRecord } from '../entities/usage-record.entity';
import { CreditLedger } from '../ledger/credit-ledger.service';
import { formatMoney, parseMoney } from '../money/money';
import { affordableMinutes, freeMinutesLeft } from '../pricing/charge-arithmetic';
import { usageEntryView } from './credit-views';

/** Longest window the daily totals cover in one request. */
export const MAX_DAILY_WINDOW_DAYS = 366;

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The read side of billing for the dashboard: the balance, the ledger, daily totals. */
@Injectable()
export class CreditReports {
  private readonly records = new TenantRepository(UsageRecord);

  constructor(
    private readonly ledger: CreditLedger,
    private readonly settings: BillingSettings,
  ) {}

  async balance() {
    // open() locks the account briefly and applies a due monthly reset, so the figures are this month's.
    const o = await this.ledger.open();
    const timeZone = o.client.timezone;
    const [used] = (await this.records
      .query('u')
      .select('COALESCE(SUM(u.duration_minutes), 0)::int', 'minutes')
      .andWhere("u.usage_type = 'voice_call'")
      .andWhere(`u.created_at >= (date_trunc('month', CAST(:now AS timestamptz) AT TIME ZONE :tz) AT TIME ZONE :tz)`, { now: o.now, tz: timeZone })
      .getRawMany()) as Array<{ minutes: number }>;
    const left = freeMinutesLeft(o.position);
    const affordable = affordableMinutes(o.position, o.rate);
    return {
      currency: 'USD',
      balance: formatMoney(o.position.balance),
      per_minute_rate: formatMoney(o.rate),
      free_minutes: { allowance: this.settings.freeMinutesPerMonth, used: Math.max(0, this.settings.freeMinutesPerMonth - left), left, resets_on: o.account.free_minutes_reset_date },
      minutes_used_this_month: Number(used?.minutes ?? 0),
      total_minutes_used: o.account.total_minutes_used,
      total_amount_spent: formatMoney(parseMoney(o.account.total_amount_spent)),
      affordable_minutes: affordable,
      rachel_paused: affordable < 1,
      low_balance: left === 0 && o.position.balance < this.settings.lowBalanceThreshold,
      low_balance_threshold: formatMoney(this.settings.lowBalanceThreshold),
      timezone: timeZone,
    };
  }

  async usage(from: string | undefined, to: string | undefined, page: number, pageSize: number) {
    if (from && to && to < from) throw new InvalidInputError([{ field: 'to', message: 'to must not be before from' }]);
    const { timeZone } = await this.zone();
    const qb = this.records.query('u').orderBy('u.created_at', 'DESC').addOrderBy('u.id', 'DESC');
    if (from) qb.andWhere('u.created_at >= (CAST(:from AS date)::timestamp AT TIME ZONE :tz)', { from, tz: timeZone });
    if (to) qb.andWhere('u.created_at < ((CAST(:to AS date) + 1)::timestamp AT TIME ZONE :tz)', { to, tz: timeZone });
    const [items, total] = await qb.skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
    const local = localTimeFormatter(timeZone);
    return { timezone: timeZone, data: items.map((r) => usageEntryView(r, local)), pagination: { page, page_size: pageSize, total } };
  }

  async daily(fromParam: string | undefined, toParam: string | undefined) {
    const { timeZone, today } = await this.zone();
    const to = toParam ?? (fromParam && fromParam > today ? fromParam : today);
    const from = fromParam ?? addDays(to, -29);
    if (to < from) throw new InvalidInputError([{ field: 'to', message: 'to must not be before from' }]);
    if (daysBetween(from, to) >= MAX_DAILY_WINDOW_DAYS) throw new InvalidInputError([{ field: 'to', message: `at most ${MAX_DAILY_WINDOW_DAYS} days at a time` }]);
    const rows = (await this.records
      .query('u')
      .select(`to_char(u.created_at AT TIME ZONE :tz, 'YYYY-MM-DD')`, 'date')
      .addSelect(`COUNT(*) FILTER (WHERE u.usage_type = 'voice_call')::int`, 'calls')
      .addSelect(`COALESCE(SUM(u.duration_minutes) FILTER (WHERE u.usage_type = 'voice_call'), 0)::int`, 'minutes')
      .addSelect('COALESCE(SUM(u.free_minutes_charged), 0)::int', 'free_minutes')
      .addSelect('COALESCE(SUM(u.paid_minutes_charged), 0)::int', 'paid_minutes')
      .addSelect(`COALESCE(SUM(u.segments) FILTER (WHERE u.usage_type = 'sms'), 0)::int`, 'text_segments')
      .addSelect(`COUNT(*) FILTER (WHERE u.usage_type = 'sms')::int`, 'texts')
      .addSelect('COALESCE(SUM(u.cost), 0)::text', 'cost')
      .addSelect('COALESCE(SUM(u.credit_amount), 0)::text', 'credits')
      .andWhere('u.created_at >= (CAST(:from AS date)::timestamp AT TIME ZONE :tz)', { from, tz: timeZone })
      .andWhere('u.created_at < ((CAST(:to AS date) + 1)::timestamp AT TIME ZONE :tz)', { to })
      .groupBy('1')
      .getRawMany()) as Array<{ date: string; calls: number; minutes: number; free_minutes: number; paid_minutes: number; texts: number; text_segments: number; cost: string; credits: string }>;
    const byDate = new Map(rows.map((r) => [r.date, r]));
    const days = [];
    for (let date = from; date <= to; date = addDays(date, 1)) {
      const r = byDate.get(date);
      days.push({
        date,
        calls: Number(r?.calls ?? 0),
        minutes: Number(r?.minutes ?? 0),
        free_minutes: Number(r?.free_minutes ?? 0),
        paid_minutes: Number(r?.paid_minutes ?? 0),
        texts: Number(r?.texts ?? 0),
        text_segments: Number(r?.text_segments ?? 0),
        cost: formatMoney(parseMoney(r?.cost ?? '0')),
        credits: formatMoney(parseMoney(r?.credits ?? '0')),
      });
    }
    return { timezone: timeZone, from, to, days };
  }

  private async zone(): Promise<{ timeZone: string; today: string }> {
    const o = await this.ledger.open();
    return { timeZone: o.client.timezone, today: o.today };
  }
}

function localTimeFormatter(timeZone: string): (at: Date) => string {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return (at) => {
    const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  };
}
