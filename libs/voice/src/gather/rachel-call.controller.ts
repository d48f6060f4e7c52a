import { Body, Controller, Query } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { TwilioWebhook } from '@ringlypro/telephony';
import { RachelCalls, type RachelCallParams } from './rachel-calls.service';

/**
 * Where a Rachel number's calls arrive while Rachel is on, and each turn of her conversation after.
 * The dialed number (To) names the business; every answer is TwiML, whatever happens inside.
 */
@Controller('voice')
export class RachelCallController {
  constructor(private readonly rachel: RachelCalls) {}

  @TwilioWebhook('webhook/voice', "TwiML: Rachel greets the caller with the business's greeting and listens (<Gather input=speech>); Rachel off or no credit → the owner's phone")
  answer(@Body() params: RachelCallParams): Promise<string> {
    return this.rachel.answer(params);
  }

  @TwilioWebhook('rachel/turn', "TwiML for one turn of Rachel's conversation (the <Gather> action, with SpeechResult and Confidence)")
  @ApiQuery({ name: 'turn', description: 'The turn this Gather belongs to; a retried webhook of an answered turn gets the same answer', example: 1 })
  turn(@Query('turn') turn: string | undefined, @Body() params: RachelCallParams): Promise<string> {
    return this.rachel.turn(typeof turn === 'string' ? turn : undefined, params);
  }
}
