import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiSuccess, ConflictError, NotFoundError } from '@ringlypro/core';
import { CLIENT_ID_PARAM, Public, TenantClientStore } from '@ringlypro/tenancy';
import { CARRIERS, findCarrier, forwardingSetup } from './carrier-codes';

const CARRIER_PARAM = { name: 'carrier', enum: CARRIERS.map((c) => c.id), description: 'A carrier id from GET /api/call-forwarding/carriers' };
const SETUP_EXAMPLE = {
  success: true,
  carrier: { id: 'att', name: 'AT&T' },
  forward_to: '+18886103810',
  activation_code: '*61*8886103810#',
  deactivation_code: '##61#',
  check_code: '*#61#',
  instructions: ['On the business phone (+16566001400), open the phone app\'s keypad.', 'Dial *61*8886103810# and press Call.'],
  caveats: ['Your voicemail also works by forwarding unanswered calls. …'],
  forwarding_verified: false,
};
const UNKNOWN_CARRIER: [404, string] = [404, 'Unknown carrier (the message lists the valid ids)'];
const NO_NUMBER: [409, string] = [409, 'No Rachel number yet'];

@ApiTags('call-forwarding')
@Controller('api/call-forwarding')
export class CallForwardingController {
  constructor(private readonly store: TenantClientStore) {}

  @Get('carriers')
  @Public()
  @ApiOperation({ summary: 'The carriers we have forwarding codes for' })
  @ApiSuccess({ success: true, carriers: CARRIERS.slice(0, 2).map(({ id, name }) => ({ id, name })) })
  @ApiErrors(429)
  carriers() {
    return { carriers: CARRIERS.map(({ id, name }) => ({ id, name })) };
  }

  @Get('setup/:carrier')
  @ApiBearerAuth('bearer')
  @ApiParam(CARRIER_PARAM)
  @ApiOperation({ summary: 'Codes and steps to forward unanswered calls of your business phone to Rachel, and whether forwarding has been seen working' })
  @ApiSuccess(SETUP_EXAMPLE)
  @ApiErrors(401, UNKNOWN_CARRIER, NO_NUMBER, 429)
  mySetup(@Param('carrier') carrierId: string) {
    return this.setup(carrierId);
  }

  @Get('setup/:carrier/:client_id')
  @ApiBearerAuth('bearer')
  @ApiParam(CARRIER_PARAM)
  @ApiParam(CLIENT_ID_PARAM)
  @ApiOperation({ summary: 'Forwarding codes for a client id (seed path; prefer GET /api/call-forwarding/setup/{carrier})' })
  @ApiSuccess(SETUP_EXAMPLE)
  @ApiErrors(401, [404, 'Unknown carrier, or no such client / not yours'], NO_NUMBER, 429)
  async setup(@Param('carrier') carrierId: string) {
    const carrier = findCarrier(carrierId);
    if (!carrier) throw new NotFoundError(`Unknown carrier "${carrierId.slice(0, 40)}". Valid carriers: ${CARRIERS.map((c) => c.id).join(', ')}`);
    const client = await this.store.get();
    if (!client.ringlypro_number) throw new ConflictError('Your Rachel number is not provisioned yet, so there is nothing to forward to');
    return { ...forwardingSetup(carrier, client.ringlypro_number, client.business_phone), forwarding_verified: client.forwarding_verified };
  }
}
