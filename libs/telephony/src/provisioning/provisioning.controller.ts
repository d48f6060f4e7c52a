import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Clock, ConflictError, JobIds, JobName, QueueService } from '@ringlypro/core';
import { TenantClientStore } from '@ringlypro/tenancy';

@ApiTags('client')
@ApiBearerAuth('bearer')
@Controller('api/client')
export class ProvisioningController {
  constructor(
    private readonly store: TenantClientStore,
    private readonly queue: QueueService,
    private readonly clock: Clock,
  ) {}

  @Post(':client_id/provision')
  @HttpCode(202)
  @ApiParam({ name: 'client_id', example: 5 })
  @ApiOperation({ summary: 'Retry getting a Rachel number for a client whose provisioning is pending or failed' })
  @ApiAcceptedResponse({ schema: { example: { success: true, client_id: 9, number_status: 'pending', job_id: 'provision-number:9:manual:29611200' } } })
  @ApiConflictResponse({ description: 'The client already has a Rachel number' })
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
