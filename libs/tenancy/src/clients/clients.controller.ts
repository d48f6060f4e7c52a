import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { PaginationQuery, paginated } from '@ringlypro/core';
import { AdminOnly, CrossTenant } from '../auth/route-access.decorators';
import { clientView } from '../auth/views';
import { ClientDirectory } from './client-directory.service';
import { ClientSettingsService } from './client-settings.service';
import { UpdateClientDto } from './dto/update-client.dto';
import { RachelStatusService } from './rachel-status.service';

const CLIENT_ID = { name: 'client_id', example: 5, description: "Your own client id (an admin may name any client's)" };

@ApiTags('client')
@ApiBearerAuth('bearer')
@Controller('api/client')
export class ClientsController {
  constructor(
    private readonly settings: ClientSettingsService,
    private readonly rachel: RachelStatusService,
    private readonly directory: ClientDirectory,
  ) {}

  // Declared before ':client_id' so that 'list' is not read as a client id.
  @Get('list')
  @AdminOnly()
  @CrossTenant()
  @ApiOperation({ summary: 'All clients, paginated (platform admins only)' })
  async list(@Query() query: PaginationQuery) {
    return paginated(await this.directory.list(query.page, query.page_size), clientView);
  }

  @Get('rachel-status/:client_id')
  @ApiParam(CLIENT_ID)
  @ApiOperation({ summary: "Rachel's state: enabled, forwarding status and the Rachel number" })
  @ApiOkResponse({ schema: { example: { success: true, client_id: 5, rachel_enabled: true, forwarding_status: 'active', ringlypro_number: '+18886103810' } } })
  @ApiNotFoundResponse({ description: 'No such client, or not yours' })
  rachelStatus() {
    return this.rachel.get();
  }

  @Get(':client_id')
  @ApiParam(CLIENT_ID)
  @ApiOperation({ summary: "The business profile and Rachel's settings" })
  @ApiNotFoundResponse({ description: 'No such client, or not yours' })
  async get() {
    return { client: clientView(await this.settings.get()) };
  }

  @Patch(':client_id')
  @ApiParam(CLIENT_ID)
  @ApiOperation({ summary: "Change the business profile and Rachel's settings" })
  @ApiNotFoundResponse({ description: 'No such client, or not yours' })
  async update(@Body() dto: UpdateClientDto) {
    return { client: clientView(await this.settings.update(dto)) };
  }
}
