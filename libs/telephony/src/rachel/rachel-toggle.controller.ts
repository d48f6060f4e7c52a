import { Body, Controller, Put } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { RachelToggleService } from './rachel-toggle.service';
import { SetRachelStatusDto } from './set-rachel-status.dto';

@ApiTags('client')
@ApiBearerAuth('bearer')
@Controller('api/client')
export class RachelToggleController {
  constructor(private readonly toggle: RachelToggleService) {}

  @Put('rachel-status/:client_id')
  @ApiParam({ name: 'client_id', example: 5 })
  @ApiOperation({ summary: "Turn Rachel on or off: re-routes the number's voice webhook at Twilio, then records it" })
  @ApiOkResponse({ schema: { example: { success: true, client_id: 5, rachel_enabled: false, forwarding_status: 'inactive', ringlypro_number: '+18886103810' } } })
  @ApiConflictResponse({ description: 'The Rachel number is not provisioned yet' })
  @ApiBadGatewayResponse({ description: 'Twilio refused the change; nothing was changed' })
  @ApiNotFoundResponse({ description: 'No such client, or not yours' })
  set(@Body() dto: SetRachelStatusDto) {
    return this.toggle.set(dto.rachel_enabled);
  }
}
