import { Body, Controller, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiSuccess } from '@ringlypro/core';
import { CLIENT_ID_PARAM, RACHEL_STATUS_EXAMPLE } from '@ringlypro/tenancy';
import { RachelToggleService } from './rachel-toggle.service';
import { SetRachelStatusDto } from './set-rachel-status.dto';

const TOGGLED = { success: true, ...RACHEL_STATUS_EXAMPLE, rachel_enabled: false, forwarding_status: 'inactive' };
const NO_NUMBER: [409, string] = [409, 'The Rachel number is not provisioned yet (or failed, or was released)'];
const TWILIO_FAILED: [502, string] = [502, 'Twilio refused the change; nothing was changed'];

@ApiTags('client')
@ApiBearerAuth('bearer')
@Controller('api/client')
export class RachelToggleController {
  constructor(private readonly toggle: RachelToggleService) {}

  @Put('me/rachel-status')
  @ApiOperation({ summary: "Turn Rachel on or off: re-routes your number's voice webhook at Twilio, then records it" })
  @ApiSuccess(TOGGLED)
  @ApiErrors(400, 401, NO_NUMBER, 429, TWILIO_FAILED)
  setMine(@Body() dto: SetRachelStatusDto) {
    return this.toggle.set(dto.rachel_enabled);
  }

  @Put('rachel-status/:client_id')
  @ApiParam(CLIENT_ID_PARAM)
  @ApiOperation({ summary: 'Turn Rachel on or off for a client id (seed path; prefer PUT /api/client/me/rachel-status)' })
  @ApiSuccess(TOGGLED)
  @ApiErrors(400, 401, [404, 'No such client, or not yours'], NO_NUMBER, 429, TWILIO_FAILED)
  set(@Body() dto: SetRachelStatusDto) {
    return this.toggle.set(dto.rachel_enabled);
  }
}
