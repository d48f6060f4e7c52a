import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiSuccess, Clock, ConflictError, JobIds, JobName, QueueService } from '@ringlypro/core';
import { CLIENT_ID_PARAM, TenantClientStore } from '@ringlypro/tenancy';

const ACCEPTED = { success: true, client_id: 9, number_status: 'pending', job_id: 'provision-number:9:manual:29611200' };
const ALREADY: [409, string] = [409, 'The client already has a Rachel number'];

@ApiTags('client')
@ApiBearerAuth('bearer')
@Controller('api/client')
export class ProvisioningController {
  constructor(
    private readonly store: TenantClientStore,
    private readonly queue: QueueService,
    private readonly clock: Clock,
  ) {}

  @Post('me/provision')
  @HttpCode(202)
  @ApiOperation({ summary: 'Get a Rachel number again: after provisioning failed, or after the number was released' })
  @ApiSuccess(ACCEPTED, { status: 202 })
  @ApiErrors(401, ALREADY, 429)
  provisionMine() {
    return this.provision();
  }

  @Post(':client_id/provision')
  @HttpCode(202)
  @ApiParam(CLIENT_ID_PARAM)
  @ApiOperation({ summary: 'Get a Rachel number again for a client id (seed path; prefer POST /api/client/me/provision)' })
  @ApiSuccess(ACCEPTED, { status: 202 })
  @ApiErrors(401, [404, 'No such client, or not yours'], ALREADY, 429)
  async provision() {
    const client = await this.store.get();
    if (client.ringlypro_number) throw new ConflictError(`This client already has its Rachel number ${client.ringlypro_number}`);
    // Conditional: a first job that stored a number since the read above keeps its 'active'.
    if (!(await this.store.updateWhileNumberless({ number_status: 'pending', provisioning_error: null }))) {
      throw new ConflictError('This client already has its Rachel number');
    }
    // The job itself never buys a second number, whatever runs; the id only collapses double clicks.
    const jobId = JobIds.provisionNumberRetry(client.id, this.clock.now());
    await this.queue.enqueue(JobName.ProvisionNumber, { client_id: client.id }, { jobId });
    return { client_id: client.id, number_status: 'pending', job_id: jobId };
  }
}
