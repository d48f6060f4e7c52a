import type { Contact } from '../entities/contact.entity';

export function contactView(c: Contact) {
  return {
    id: c.id,
    first_name: c.first_name,
    last_name: c.last_name,
    phone: c.phone,
    email: c.email,
    notes: c.notes,
    status: c.status,
    source: c.source,
    last_contacted_at: c.last_contacted_at,
    created_at: c.created_at,
    updated_at: c.updated_at,
  };
}
