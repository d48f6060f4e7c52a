import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { Public, RateLimitExempt } from '@ringlypro/tenancy';
import { DatabaseHealthIndicator } from './database-health.indicator';
import { QueueHealthIndicator } from './queue-health.indicator';

/** The seed's monitoring endpoint: liveness, and readiness of everything a request depends on. */
@ApiTags('health')
@Public()
@RateLimitExempt()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly queue: QueueHealthIndicator,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Readiness: database, Redis (when configured) and the queue driver' })
  @ApiResponse({ status: 200, description: 'Ready', schema: { example: { success: true, status: 'ok', details: { database: { status: 'up' }, queue: { status: 'up', driver: 'inline' } } } } })
  @ApiResponse({ status: 503, description: 'Not ready; the message names the failing part' })
  async readiness(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.database.check(),
        () => this.queue.check(),
      ]);
    } catch (error) {
      const result = (error as { response?: HealthCheckResult }).response;
      const failing = Object.keys(result?.error ?? {});
      throw new ServiceUnavailableException({
        message: `Not ready: ${failing.length ? failing.join(', ') : 'unknown'}`,
        details: result?.details,
      });
    }
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up and serving HTTP' })
  liveness() {
    return { status: 'ok' };
  }
}
