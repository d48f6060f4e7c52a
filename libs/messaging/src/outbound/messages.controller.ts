import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { paginated } from '@ringlypro/core';
import { ListMessagesQuery } from '../dto/list-messages.query';
import { ResendConfirmationDto } from '../dto/resend-confirmation.dto';
import { SendSmsDto } from '../dto/send-sms.dto';
import { messageView } from './message-view';
import { OutboundSmsService } from './outbound-sms.service';

@ApiTags('messages')
@ApiBearerAuth('bearer')
@Controller('api/messages')
export class MessagesController {
  constructor(private readonly outbound: OutboundSmsService) {}

  @Post('sms')
  @HttpCode(202)
  @ApiOperation({ summary: "Text a customer from the business's Rachel number (delivered in the background)" })
  @ApiAcceptedResponse({ schema: { example: { success: true, id: 311, status: 'queued' } } })
  @ApiUnprocessableEntityResponse({ description: 'The recipient has opted out' })
  async send(@Body() dto: SendSmsDto) {
    const message = await this.outbound.send(dto.to, dto.body);
    return { id: message.id, status: message.status };
  }

  @Post('appointment-confirmation')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send (again) the confirmation text of an appointment' })
  @ApiAcceptedResponse({ schema: { example: { success: true, id: 312, status: 'queued' } } })
  async resend(@Body() dto: ResendConfirmationDto) {
    const message = await this.outbound.resendConfirmation(dto.appointment_id);
    return { id: message.id, status: message.status };
  }

  @Get()
  @ApiOperation({ summary: 'Texts sent and received, newest first; ?phone= for one conversation' })
  async list(@Query() query: ListMessagesQuery) {
    return paginated(await this.outbound.list(query.phone, query.page, query.page_size), messageView);
  }
}
