import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiSuccess, IdParam, paginated } from '@ringlypro/core';
import { RateCost, RouteCost } from '../rate-limits/rate-limit.decorators';
import { contactView } from './contact-view';
import { ContactsService } from './contacts.service';
import { CreateContactDto } from './dto/create-contact.dto';
import { ListContactsQuery } from './dto/list-contacts.query';
import { UpdateContactDto } from './dto/update-contact.dto';

/** An id that is not a positive integer cannot name a contact: 404, like any other unknown id. */

const CONTACT_EXAMPLE = {
  id: 17,
  first_name: 'Ava',
  last_name: 'Nguyen',
  phone: '+16565550101',
  email: 'ava@example.com',
  notes: 'Prefers mornings',
  status: 'active',
  source: 'booking',
  last_contacted_at: '2026-11-02T15:04:05.000Z',
  created_at: '2026-10-01T12:00:00.000Z',
  updated_at: '2026-11-02T15:04:05.000Z',
};
const NOT_FOUND: [404, string] = [404, 'No such contact in your business'];

@ApiTags('contacts')
@ApiErrors(401, 429)
@ApiBearerAuth('bearer')
@Controller('api/contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  @RateCost(RouteCost.search)
  @ApiOperation({ summary: 'Your contacts; ?q= searches name, phone and email' })
  @ApiSuccess({ success: true, data: [CONTACT_EXAMPLE], pagination: { page: 1, page_size: 20, total: 1 } })
  @ApiErrors(400)
  async list(@Query() query: ListContactsQuery) {
    return paginated(await this.contacts.list(query), contactView);
  }

  @Post()
  @ApiOperation({ summary: 'Add a contact' })
  @ApiSuccess({ success: true, contact: CONTACT_EXAMPLE }, { status: 201 })
  @ApiErrors(400, [409, 'A contact with this phone or email already exists (error.fields names which)'])
  async create(@Body() dto: CreateContactDto) {
    return { contact: contactView(await this.contacts.create(dto)) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One contact' })
  @ApiSuccess({ success: true, contact: CONTACT_EXAMPLE })
  @ApiErrors(NOT_FOUND)
  async get(@IdParam('id', 'Contact not found') id: number) {
    return { contact: contactView(await this.contacts.get(id)) };
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a contact (fields left out stay as they are)' })
  @ApiSuccess({ success: true, contact: CONTACT_EXAMPLE })
  @ApiErrors(400, NOT_FOUND, [409, 'Another contact has this phone or email'])
  async update(@IdParam('id', 'Contact not found') id: number, @Body() dto: UpdateContactDto) {
    return { contact: contactView(await this.contacts.update(id, dto)) };
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Delete a contact (their appointments stay)' })
  @ApiSuccess({ success: true, deleted: true })
  @ApiErrors(NOT_FOUND)
  async remove(@IdParam('id', 'Contact not found') id: number) {
    await this.contacts.remove(id);
    return { deleted: true };
  }
}
