import type { DeepPartial, EntityTarget, FindOptionsOrder, FindOptionsWhere, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { TenantContext } from './tenant-context';

/** Tenant-owned entities carry client_id; callers never pass it — the repository does. */
export interface TenantOwned extends ObjectLiteral {
  client_id: number;
}

/** A where clause without client_id: naming the tenant by hand is a type error. */
export type TenantWhere<T> = Omit<FindOptionsWhere<T>, 'client_id'> & { client_id?: never };
export type TenantValues<T> = Omit<DeepPartial<T>, 'client_id'> & { client_id?: never };

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

/**
 * The only way services reach tenant-owned rows. Every find, count, update and delete gets
 * `client_id = <current tenant>` added, every insert gets it set, and it always runs on the tenant
 * transaction, where row-level security enforces the same rule a second time.
 */
export class TenantRepository<T extends TenantOwned> {
  constructor(private readonly entity: EntityTarget<T>) {}

  private get repository(): Repository<T> {
    return TenantContext.current().manager.getRepository(this.entity);
  }

  private scoped(where: TenantWhere<T> | TenantWhere<T>[] = {} as TenantWhere<T>): FindOptionsWhere<T> | FindOptionsWhere<T>[] {
    const clientId = TenantContext.current().clientId;
    const add = (w: TenantWhere<T>) => ({ ...w, client_id: clientId }) as FindOptionsWhere<T>;
    return Array.isArray(where) ? where.map(add) : add(where);
  }

  async findOne(where: TenantWhere<T>): Promise<T | null> {
    return this.repository.findOne({ where: this.scoped(where) });
  }

  async find(where: TenantWhere<T> | TenantWhere<T>[] = {} as TenantWhere<T>, options: { order?: FindOptionsOrder<T>; take?: number } = {}): Promise<T[]> {
    return this.repository.find({ where: this.scoped(where), ...options });
  }

  async page(where: TenantWhere<T> | TenantWhere<T>[], page: number, pageSize: number, order: FindOptionsOrder<T>): Promise<Page<T>> {
    const [items, total] = await this.repository.findAndCount({ where: this.scoped(where), order, skip: (page - 1) * pageSize, take: pageSize });
    return { items, total, page, page_size: pageSize };
  }

  async count(where: TenantWhere<T> | TenantWhere<T>[] = {} as TenantWhere<T>): Promise<number> {
    return this.repository.count({ where: this.scoped(where) });
  }

  /** Inserts with client_id set to the current tenant, returning the stored row. */
  async insert(values: TenantValues<T>): Promise<T> {
    const row = this.repository.create({ ...values, client_id: TenantContext.current().clientId } as DeepPartial<T>);
    return this.repository.save(row);
  }

  /**
   * Inserts unless a unique key already holds the row (a webhook delivered twice); true when this
   * call wrote it.
   */
  async insertOrIgnore(values: TenantValues<T>): Promise<boolean> {
    const result = await this.repository
      .createQueryBuilder()
      .insert()
      .values({ ...values, client_id: TenantContext.current().clientId } as never)
      .orIgnore()
      .execute();
    return (result.identifiers?.filter(Boolean).length ?? 0) > 0;
  }

  /** insertOrIgnore for many rows in one statement (a retried webhook's rows are kept once). */
  async insertAllOrIgnore(rows: Array<TenantValues<T>>): Promise<void> {
    if (rows.length === 0) return;
    const clientId = TenantContext.current().clientId;
    await this.repository
      .createQueryBuilder()
      .insert()
      .values(rows.map((values) => ({ ...values, client_id: clientId })) as never)
      .orIgnore()
      .execute();
  }

  /**
   * Inserts, or — when a row with the same `conflict` columns exists for this tenant — updates its
   * `update` columns, in one statement (no read-then-write race). Returns the row's id.
   */
  async upsert(values: TenantValues<T>, conflict: Array<keyof T & string>, update: Array<keyof T & string>): Promise<number> {
    const result = await this.repository
      .createQueryBuilder()
      .insert()
      .values({ ...values, client_id: TenantContext.current().clientId } as never)
      .orUpdate(update, ['client_id', ...conflict])
      .returning('id')
      .execute();
    return (result.raw as Array<{ id: number }>)[0].id;
  }

  /** Updates the current tenant's rows matching `where`; returns how many changed. */
  async update(where: TenantWhere<T>, patch: TenantValues<T>): Promise<number> {
    // An empty PATCH changes nothing; TypeORM would throw on an UPDATE without a SET.
    if (Object.keys(patch).length === 0) return 0;
    const result = await this.repository.update(this.scoped(where) as FindOptionsWhere<T>, patch as never);
    return result.affected ?? 0;
  }

  async delete(where: TenantWhere<T>): Promise<number> {
    const result = await this.repository.delete(this.scoped(where) as FindOptionsWhere<T>);
    return result.affected ?? 0;
  }

  /**
   * A hand-written statement on the tenant transaction, for what the builder cannot say in one
   * statement (or says too slowly on a hot path). `$1` is always the current tenant's id — the
   * statement scopes itself with it, and row-level security checks it again; `params` are $2, $3, ….
   */
  async sql<R extends ObjectLiteral>(statement: string, params: unknown[] = []): Promise<R[]> {
    const { manager, clientId } = TenantContext.current();
    return manager.query(statement, [clientId, ...params]);
  }

  /** A query builder already filtered to the current tenant, for searches find() cannot express. */
  query(alias: string): SelectQueryBuilder<T> {
    return this.repository.createQueryBuilder(alias).where(`${alias}.client_id = :tenantClientId`, { tenantClientId: TenantContext.current().clientId });
  }
}
