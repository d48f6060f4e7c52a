import { Injectable } from '@nestjs/common';
import { NotFoundError, type Page, TenantRepository } from '@ringlypro/core';
import { TenantClientStore } from '@ringlypro/tenancy';
import { CallTurn } from '../entities/call-turn.entity';
import { Call } from '../entities/call.entity';
import type { ListCallsQuery } from './list-calls.query';

/** The current tenant's calls and transcripts, for the dashboard. */
@Injectable()
export class CallsQueryService {
  private readonly calls = new TenantRepository(Call);
  private readonly turns = new TenantRepository(CallTurn);

  constructor(private readonly store: TenantClientStore) {}

  async list(query: ListCallsQuery): Promise<Page<Call>> {
    const qb = this.calls.query('c').orderBy('c.created_at', 'DESC').addOrderBy('c.id', 'DESC');
    if (query.from || query.to) {
      // Calendar dates are the business's own: a call at 23:30 in New York belongs to that day there.
      const { timezone } = await this.store.get();
      if (query.from) qb.andWhere('(c.created_at AT TIME ZONE :tz)::date >= :from::date', { tz: timezone, from: query.from });
      if (query.to) qb.andWhere('(c.created_at AT TIME ZONE :tz)::date <= :to::date', { tz: timezone, to: query.to });
    }
    if (query.outcome) qb.andWhere('c.outcome = :outcome', { outcome: query.outcome });
    const [items, total] = await qb.skip((query.page - 1) * query.page_size).take(query.page_size).getManyAndCount();
    return { items, total, page: query.page, page_size: query.page_size };
  }

  async get(id: number): Promise<{ call: Call; transcript: CallTurn[] }> {
    const call = await this.calls.findOne({ id });
    if (!call) throw new NotFoundError('Call not found');
    const transcript = await this.turns.find({ call_id: id }, { order: { turn: 'ASC', id: 'ASC', line: 'ASC' } });
    return { call, transcript };
  }
}
