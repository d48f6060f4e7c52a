import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFoundError, paginated } from '@ringlypro/core';
import { RateCost, RouteCost } from '../rate-limits/rate-limit.decorators';
import { contactView } from './contact-view';
import { ContactsService } from './contacts.service';
import { CreateContactDto } from './dto/create-contact.dto';
import { ListContactsQuery } from './dto/list-contacts.query';
import { UpdateContactDto } from './dto/update-contact.dto';

/** An id that is not a positive integer cannot name a contact: 404, like any other unknown id. */
const ContactId = () => new ParseIntPipe({ exceptionFactory: () => new NotFoundError('Contact not found') });

@ApiTags('contacts')
@ApiBearerAuth('bearer')
@Controller('api/contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  @RateCost(RouteCost.search)
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
  async get(@Param('id', ContactId()) id: number) {
    return { contact: contactView(await this.contacts.get(id)) };
  }

  @Patch(':id')
  @ApiNotFoundResponse({ description: 'No such contact in your business' })
  @ApiConflictResponse({ description: 'Another contact has this phone or email' })
  async update(@Param('id', ContactId()) id: number, @Body() dto: UpdateContactDto) {
    return { contact: contactView(await this.contacts.update(id, dto)) };
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiNotFoundResponse({ description: 'No such contact in your business' })
  async remove(@Param('id', ContactId()) id: number) {
    await this.contacts.remove(id);
    return { deleted: true };
  }
}
