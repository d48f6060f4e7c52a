import type { UsageRecord } from '../entities/usage-record.entity';
import { formatMoney, parseMoney } from '../money/money';

const money = (value: string | null): string | null => (value === null ? null : formatMoney(parseMoney(value)));

/** One ledger line as the API shows it: money as decimal strings in US dollars, minutes and segments as integers. */
export function usageEntryView(r: UsageRecord, localTime: (at: Date) => string) {
  return {
    id: r.id,
    usage_type: r.usage_type,
    source: r.source,
    call_sid: r.call_sid,
    message_sid: r.message_sid,
    reference: r.reference,
    duration_seconds: r.duration_seconds,
    minutes: r.duration_minutes === null ? null : Number(r.duration_minutes),
    free_minutes: r.free_minutes_charged,
    paid_minutes: r.paid_minutes_charged,
    segments: r.segments,
    cost: money(r.cost),
    credit: money(r.credit_amount),
    charged_from: r.charged_from,
    balance_before: money(r.balance_before),
    balance_after: money(r.balance_after),
    free_minutes_before: r.free_minutes_before,
    free_minutes_after: r.free_minutes_after,
    reason: r.reason,
    created_at: r.created_at.toISOString(),
    created_at_local: localTime(r.created_at),
  };
}

export const USAGE_ENTRY_EXAMPLE = {
  id: 812,
  usage_type: 'voice_call',
  source: 'metered',
  call_sid: 'CA0123456789abcdef0123456789abcdef',
  message_sid: null,
  reference: null,
  duration_seconds: 245,
  minutes: 5,
  free_minutes: 2,
  paid_minutes: 3,
  segments: null,
  cost: '0.30',
  credit: '0.00',
  charged_from: 'mixed',
  balance_before: '5.00',
  balance_after: '4.70',
  free_minutes_before: 2,
  free_minutes_after: 0,
  reason: null,
  created_at: '2026-11-10T15:04:05.000Z',
  created_at_local: '2026-11-10 10:04',
};

export const BALANCE_EXAMPLE = {
  success: true,
  currency: 'USD',
  balance: '12.40',
  per_minute_rate: '0.10',
  free_minutes: { allowance: 100, used: 100, left: 0, resets_on: '2026-12-01' },
  minutes_used_this_month: 143,
  total_minutes_used: 961,
  total_amount_spent: '86.10',
  affordable_minutes: 124,
  rachel_paused: false,
  low_balance: false,
  low_balance_threshold: '5.00',
  timezone: 'America/New_York',
};

/**
 * A credit line as the write routes answer it (test credit, admin refund): no call or text, nothing
 * charged, and created_at_local given in UTC like created_at (these routes format it with toISOString).
 */
export const CREDIT_ENTRY_EXAMPLE = {
  ...USAGE_ENTRY_EXAMPLE,
  id: 813,
  usage_type: 'adjustment',
  source: 'test',
  call_sid: null,
  reference: 'test:6f1d2c3b-4a5e-4f60-9b7a-8c9d0e1f2a3b',
  duration_seconds: null,
  minutes: null,
  free_minutes: 0,
  paid_minutes: 0,
  cost: '0.00',
  credit: '25.00',
  charged_from: 'credit',
  balance_before: '10.00',
  balance_after: '35.00',
  free_minutes_before: 0,
  free_minutes_after: 0,
  reason: 'Test credit (development)',
  created_at_local: USAGE_ENTRY_EXAMPLE.created_at,
};
