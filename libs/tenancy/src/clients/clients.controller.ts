import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiSuccess, PaginationQuery, paginated } from '@ringlypro/core';
import { AdminOnly, CrossTenant } from '../auth/route-access.decorators';
import { clientView } from '../auth/views';
import { ClientDirectory } from './client-directory.service';
import { CLIENT_EXAMPLE, CLIENT_ID_PARAM, RACHEL_STATUS_EXAMPLE } from './client-examples';
import { ClientSettingsService } from './client-settings.service';
import { UpdateClientDto } from './dto/update-client.dto';
import { RachelStatusService } from './rachel-status.service';
import { TenantClientStore } from './tenant-client.store';

/**
 * The business profile and Rachel's state. Every route has a `me` form (the token names the
 * business); the seed's `/:client_id` forms stay for compatibility and for platform admins.
 * The `me` routes are declared first so that "me" is never read as a client id.
 */
@ApiTags('client')
@ApiBearerAuth('bearer')
@Controller('api/client')
export class ClientsController {
  constructor(
    private readonly settings: ClientSettingsService,
    private readonly rachel: RachelStatusService,
    private readonly directory: ClientDirectory,
    private readonly store: TenantClientStore,
  ) {}

  @Get('list')
  @AdminOnly()
  @CrossTenant()
  @ApiOperation({ summary: 'All clients, paginated (platform admins only)' })
  @ApiSuccess({ success: true, items: [CLIENT_EXAMPLE], total: 1, page: 1, page_size: 20 })
  @ApiErrors(400, 401, 403, 429)
  async list(@Query() query: PaginationQuery) {
    return paginated(await this.directory.list(query.page, query.page_size), clientView);
  }

  @Get('me')
  @ApiOperation({ summary: "Your business profile, Rachel's settings and number status" })
  @ApiSuccess({ success: true, client: CLIENT_EXAMPLE, onboarding_completed: false })
  @ApiErrors(401, 429)
  async me() {
    return { client: clientView(await this.settings.get()), onboarding_completed: (await this.store.owner())?.onboarding_completed ?? false };
  }

  @Patch('me')
  @ApiOperation({ summary: "Change your business profile and Rachel's settings" })
  @ApiSuccess({ success: true, client: CLIENT_EXAMPLE })
  @ApiErrors(400, 401, 429)
  async updateMe(@Body() dto: UpdateClientDto) {
    return { client: clientView(await this.settings.update(dto)) };
  }

  @Get('me/rachel-status')
  @ApiOperation({ summary: "Rachel's state: enabled, number status, forwarding verified, and the Rachel number" })
  @ApiSuccess({ success: true, ...RACHEL_STATUS_EXAMPLE })
  @ApiErrors(401, 429)
  myRachelStatus() {
    return this.rachel.get();
  }

  /**
   * Explicit rather than derived: the dashboard's setup wizard decides when its owner is done (a
   * business may keep Rachel off, or never forward), so the API records the owner's word.
   * Idempotent.
   */
  @Post('me/onboarding/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark onboarding as completed (idempotent); the number and forwarding states stay visible on GET /api/client/me' })
  @ApiSuccess({ success: true, onboarding_completed: true, number_status: 'active', forwarding_verified: false, rachel_enabled: true })
  @ApiErrors(401, 429)
  async completeOnboarding() {
    const owner = await this.store.updateOwner({ onboarding_completed: true });
    const client = await this.store.get();
    return {
      onboarding_completed: owner?.onboarding_completed ?? false,
      number_status: client.number_status,
      forwarding_verified: client.forwarding_verified,
      rachel_enabled: client.rachel_enabled,
    };
  }

  @Get('rachel-status/:client_id')
  @ApiParam(CLIENT_ID_PARAM)
  @ApiOperation({ summary: "Rachel's state for a client id (seed path; prefer GET /api/client/me/rachel-status)" })
  @ApiSuccess({ success: true, ...RACHEL_STATUS_EXAMPLE })
  @ApiErrors(401, [404, 'No such client, or not yours'], 429)
  rachelStatus() {
    return this.rachel.get();
  }

  @Get(':client_id')
  @ApiParam(CLIENT_ID_PARAM)
  @ApiOperation({ summary: 'A business profile by client id (seed path; prefer GET /api/client/me)' })
  @ApiSuccess({ success: true, client: CLIENT_EXAMPLE })
  @ApiErrors(401, [404, 'No such client, or not yours'], 429)
  async get() {
    return { client: clientView(await this.settings.get()) };
  }

  @Patch(':client_id')
  @ApiParam(CLIENT_ID_PARAM)
  @ApiOperation({ summary: 'Change a business profile by client id (seed path; prefer PATCH /api/client/me)' })
  @ApiSuccess({ success: true, client: CLIENT_EXAMPLE })
  @ApiErrors(400, 401, [404, 'No such client, or not yours'], 429)
  async update(@Body() dto: UpdateClientDto) {
    return { client: clientView(await this.settings.update(dto)) };
  }
}
