import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiSuccess, IdParam, InvalidInputError, isCalendarDate, paginated } from '@ringlypro/core';
import { CALL_DETAIL_EXAMPLE, CALL_LIST_EXAMPLE, callView, transcriptView } from './call-view';
import { CallsQueryService } from './calls-query.service';
import { ListCallsQuery } from './list-calls.query';

@ApiTags('calls')
@ApiErrors(401, 429)
@ApiBearerAuth('bearer')
@Controller('api/calls')
export class CallsController {
  constructor(private readonly calls: CallsQueryService) {}

  @Get()
  @ApiOperation({ summary: "The business's calls, newest first: filter by local date range and outcome, paginated" })
  @ApiSuccess(CALL_LIST_EXAMPLE, { description: 'A page of calls' })
  @ApiErrors([400, 'from or to is not a calendar date as YYYY-MM-DD, to is before from, an unknown outcome, or a bad page; error.fields names it'])
  async list(@Query() query: ListCallsQuery) {
    for (const field of ['from', 'to'] as const) {
      const value = query[field];
      if (value !== undefined && !isCalendarDate(value)) throw new InvalidInputError([{ field, message: `${field} is not a calendar date` }]);
    }
    if (query.from && query.to && query.to < query.from) throw new InvalidInputError([{ field: 'to', message: 'to must not be before from' }]);
    return paginated(await this.calls.list(query), callView);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One call with what Rachel and the caller said, turn by turn, and its voicemail' })
  @ApiSuccess(CALL_DETAIL_EXAMPLE, { description: 'The call and its transcript' })
  @ApiErrors([404, 'No such call in your business'])
  async get(@IdParam('id', 'Call not found') id: number) {
    const { call, transcript } = await this.calls.get(id);
    return { call: { ...callView(call), transcript: transcript.map(transcriptView) } };
  }
}
