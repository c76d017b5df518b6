import { Public } from '../common/access';
import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { ApiErrors } from '../common/openapi/api-docs.decorators';
import { HealthResponseDto, LivenessResponseDto } from './dto/health-response.dto';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
  ) {}

  /**
   * Ready: the database answers a ping within 3 s. Answers terminus's own
   * result, whose types lack the `responseTime` it sends: HealthResponseDto
   * describes what is sent.
   */
  @Get()
  @ApiOperation({ summary: 'Ready: the service and its database answer', description: 'For load balancers and monitoring: 200 when the database answers a ping within 3 s, else 503, both with the checks.' })
  @ApiOkResponse({ type: HealthResponseDto, description: 'Ready: `status` is `ok`' })
  @ApiServiceUnavailableResponse({
    type: HealthResponseDto,
    description: 'Not ready: the database does not answer (the same shape, `status` `error` and the check in `error`)',
  })
  @ApiErrors(400)
  async checkHealth(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.db.pingCheck('database', { timeout: 3000 })]);
    } catch (error) {
      res.status(503);
      const result = (error as { response?: HealthCheckResult }).response;
      return result ? withoutDriverText(result) : { status: 'error', details: {} };
    }
  }

  /** Live: the process serves requests; no I/O. Also the benchmark's baseline. */
  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'Live: the process serves requests', description: 'No database or other I/O: for a process supervisor.' })
  @ApiOkResponse({ type: LivenessResponseDto })
  @ApiErrors(400)
  live(): LivenessResponseDto {
    return { status: 'ok' };
  }
}

/**
 * A failed check as the public may read it: up or down, and the time it took,
 * but not the driver's words (which name hosts and ports).
 */
function withoutDriverText(result: HealthCheckResult): HealthCheckResult {
  const plain = <T extends Record<string, { status: string } | undefined>>(checks: T | undefined): T | undefined =>
    checks &&
    (Object.fromEntries(Object.entries(checks).map(([name, check]) => [name, check?.status === 'down' ? { ...check, message: 'unavailable' } : check])) as T);
  return { ...result, ...(result.error && { error: plain(result.error) }), details: plain(result.details) ?? {} };
}
