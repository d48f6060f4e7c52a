import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiSuccess, paginated } from '@ringlypro/core';
import { ListMessagesQuery } from '../dto/list-messages.query';
import { ResendConfirmationDto } from '../dto/resend-confirmation.dto';
import { SendSmsDto } from '../dto/send-sms.dto';
import { messageView } from './message-view';
import { OutboundSmsService } from './outbound-sms.service';

const MESSAGE_EXAMPLE = {
  id: 311,
  direction: 'outbound',
  from_number: '+18886103810',
  to_number: '+16565550101',
  body: 'Acme Plumbing: your appointment is booked for Tue, Dec 1 at 10:00 AM. Confirmation code K7QM4XPA. Reply C to confirm or X to cancel.',
  status: 'delivered',
  purpose: 'confirmation',
  appointment_id: 41,
  twilio_sid: 'SM0123456789abcdef0123456789abcdef',
  error_code: null,
  error_message: null,
  created_at: '2026-11-02T15:04:05.000Z',
  updated_at: '2026-11-02T15:04:09.000Z',
};

@ApiTags('messages')
@ApiErrors(401, 429)
@ApiBearerAuth('bearer')
@Controller('api/messages')
export class MessagesController {
  constructor(private readonly outbound: OutboundSmsService) {}

  @Post('sms')
  @HttpCode(202)
  @ApiOperation({ summary: "Text a customer from the business's Rachel number (delivered in the background)" })
  @ApiSuccess({ success: true, id: 311, status: 'queued' }, { status: 202 })
  @ApiErrors(400, [422, 'The recipient has opted out'])
  async send(@Body() dto: SendSmsDto) {
    const message = await this.outbound.send(dto.to, dto.body);
    return { id: message.id, status: message.status };
  }

  @Post('appointment-confirmation')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send (again) the confirmation text of an appointment' })
  @ApiSuccess({ success: true, id: 312, status: 'queued' }, { status: 202 })
  @ApiErrors(400, [404, 'No such appointment in your business'], [422, 'The customer has opted out, or the appointment is cancelled'])
  async resend(@Body() dto: ResendConfirmationDto) {
    const message = await this.outbound.resendConfirmation(dto.appointment_id);
    return { id: message.id, status: message.status };
  }

  @Get()
  @ApiOperation({ summary: 'Texts sent and received, newest first; ?phone= for one conversation' })
  @ApiSuccess({ success: true, data: [MESSAGE_EXAMPLE], pagination: { page: 1, page_size: 20, total: 1 } })
  @ApiErrors(400)
  async list(@Query() query: ListMessagesQuery) {
    return paginated(await this.outbound.list(query.phone, query.page, query.page_size), messageView);
  }
}
