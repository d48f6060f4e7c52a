import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ConflictError, NotFoundError } from '@ringlypro/core';
import { Public, TenantClientStore } from '@ringlypro/tenancy';
import { CARRIERS, findCarrier, forwardingSetup } from './carrier-codes';

@ApiTags('call-forwarding')
@Controller('api/call-forwarding')
export class CallForwardingController {
  constructor(private readonly store: TenantClientStore) {}

  @Get('carriers')
  @Public()
  @ApiOperation({ summary: 'The carriers we have forwarding codes for' })
  carriers() {
    return { carriers: CARRIERS.map(({ id, name }) => ({ id, name })) };
  }

  @Get('setup/:carrier/:client_id')
  @ApiBearerAuth('bearer')
  @ApiParam({ name: 'carrier', example: 'att', enum: CARRIERS.map((c) => c.id) })
  @ApiParam({ name: 'client_id', example: 5 })
  @ApiOperation({ summary: 'Codes and steps to forward unanswered calls of the business phone to Rachel' })
  @ApiNotFoundResponse({ description: 'Unknown carrier (the message lists the valid ids), or not your client' })
  @ApiConflictResponse({ description: 'No Rachel number yet' })
  async setup(@Param('carrier') carrierId: string) {
    const carrier = findCarrier(carrierId);
    if (!carrier) throw new NotFoundError(`Unknown carrier "${carrierId.slice(0, 40)}". Valid carriers: ${CARRIERS.map((c) => c.id).join(', ')}`);
    const client = await this.store.get();
    if (!client.ringlypro_number) throw new ConflictError('Your Rachel number is not provisioned yet, so there is nothing to forward to');
    return forwardingSetup(carrier, client.ringlypro_number, client.business_phone);
  }
}
