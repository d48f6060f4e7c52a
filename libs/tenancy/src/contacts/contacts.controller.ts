import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParam, paginated } from '@ringlypro/core';
import { contactView } from './contact-view';
import { ContactsService } from './contacts.service';
import { CreateContactDto } from './dto/create-contact.dto';
import { ListContactsQuery } from './dto/list-contacts.query';
import { UpdateContactDto } from './dto/update-contact.dto';

/** An id that is not a positive integer cannot name a contact: 404, like any other unknown id. */

@ApiTags('contacts')
@ApiBearerAuth('bearer')
@Controller('api/contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  @ApiOperation({ summary: 'Your contacts; ?q= searches name, phone and email' })
  async list(@Query() query: ListContactsQuery) {
    return paginated(await this.contacts.list(query), contactView);
  }

  @Post()
  @ApiOperation({ summary: 'Add a contact' })
  @ApiConflictResponse({ description: 'A contact with this phone or email already exists (error.fields names which)' })
  async create(@Body() dto: CreateContactDto) {
    return { contact: contactView(await this.contacts.create(dto)) };
  }

  @Get(':id')
  @ApiNotFoundResponse({ description: 'No such contact in your business' })
  async get(@IdParam('id', 'Contact not found') id: number) {
    return { contact: contactView(await this.contacts.get(id)) };
  }

  @Patch(':id')
  @ApiNotFoundResponse({ description: 'No such contact in your business' })
  @ApiConflictResponse({ description: 'Another contact has this phone or email' })
  async update(@IdParam('id', 'Contact not found') id: number, @Body() dto: UpdateContactDto) {
    return { contact: contactView(await this.contacts.update(id, dto)) };
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiNotFoundResponse({ description: 'No such contact in your business' })
  async remove(@IdParam('id', 'Contact not found') id: number) {
    await this.contacts.remove(id);
    return { deleted: true };
  }
}
