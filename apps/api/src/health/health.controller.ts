import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiSuccess } from '@ringlypro/core';
import { HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { Public, RateLimitExempt } from '@ringlypro/tenancy';
import { DatabaseHealthIndicator } from './database-health.indicator';
import { QueueHealthIndicator } from './queue-health.indicator';

/** The seed's monitoring endpoint: liveness, and readiness of everything a request depends on. */
@ApiTags('health')
@ApiErrors(429)
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
  @ApiSuccess({ success: true, status: 'ok', details: { database: { status: 'up' }, queue: { status: 'up', driver: 'inline' } } }, { description: 'Ready' })
  @ApiErrors([503, 'Not ready; the message names the failing part'])
  async readiness(): Promise<Pick<HealthCheckResult, 'status' | 'details'>> {
    try {
      // Terminus also reports `info` and `error`; a healthy answer has no error, so only these two.
      const { status, details } = await this.health.check([() => this.database.check(), () => this.queue.check()]);
      return { status, details };
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
  @ApiSuccess({ success: true, status: 'ok' })
  liveness() {
    return { status: 'ok' };
  }
}
