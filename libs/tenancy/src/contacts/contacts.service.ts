import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, sqlStateOf, TenantRepository } from '@ringlypro/core';
import { QueryFailedError } from 'typeorm';
import { Contact } from '../entities/contact.entity';
import type { CreateContactDto } from './dto/create-contact.dto';
import type { ListContactsQuery } from './dto/list-contacts.query';
import type { UpdateContactDto } from './dto/update-contact.dto';

const FIELD_BY_INDEX: Record<string, string> = { contacts_client_phone_key: 'phone', contacts_client_email_key: 'email' };

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The CRM: one business's customers. Phone and email are unique within the business only. */
@Injectable()
export class ContactsService {
  private readonly contacts = new TenantRepository(Contact);

  async list(query: ListContactsQuery) {
    const qb = this.contacts.query('c').orderBy('c.last_name', 'ASC').addOrderBy('c.first_name', 'ASC').addOrderBy('c.id', 'ASC');
    const q = query.q?.trim();
    if (q) {
      const text = `%${escapeLike(q)}%`;
      const digits = q.replace(/\D/g, '');
      qb.andWhere(
        `(c.first_name ILIKE :text OR c.last_name ILIKE :text OR (c.first_name || ' ' || c.last_name) ILIKE :text OR c.email ILIKE :text` +
          (digits.length >= 3 ? ` OR c.phone LIKE :digits)` : ')'),
        { text, digits: `%${digits}%` },
      );
    }
    const [items, total] = await qb.skip((query.page - 1) * query.page_size).take(query.page_size).getManyAndCount();
    return { items, total, page: query.page, page_size: query.page_size };
  }

  async get(id: number): Promise<Contact> {
    const contact = await this.contacts.findOne({ id });
    if (!contact) throw new NotFoundError('Contact not found');
    return contact;
  }

  async create(dto: CreateContactDto): Promise<Contact> {
    return this.uniquely(() => this.contacts.insert({ ...dto }));
  }

  async update(id: number, dto: UpdateContactDto): Promise<Contact> {
    await this.get(id);
    await this.uniquely(() => this.contacts.update({ id }, { ...dto }));
    return this.get(id);
  }

  async remove(id: number): Promise<void> {
    if ((await this.contacts.delete({ id })) === 0) throw new NotFoundError('Contact not found');
  }

  private async uniquely<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      const index = error instanceof QueryFailedError ? (error.driverError as { constraint?: string }).constraint : undefined;
      const field = index ? FIELD_BY_INDEX[index] : undefined;
      if (sqlStateOf(error) === '23505' && field) throw new ConflictError(`A contact with this ${field} already exists`, field);
      throw error;
    }
  }
}
