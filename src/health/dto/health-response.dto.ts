import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/*
 * @nestjs/terminus's answer, as it is: these classes only describe it. The
 * one check is named `database`. The documented values are the ones this
 * endpoint sends (terminus's types also have a `degraded` that a database
 * ping never gives, and lack the `responseTime` it always adds).
 */

export class HealthIndicatorDto {
  @ApiProperty({ enum: ['up', 'down'], enumName: 'HealthIndicatorStatus', example: 'up' })
  status!: 'up' | 'down';

  @ApiPropertyOptional({ description: 'Why the check failed', example: 'timeout of 3000ms exceeded' })
  message?: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'How long the check took, in milliseconds', example: 2 })
  responseTime!: number;
}

export class HealthChecksDto {
  @ApiPropertyOptional({ type: () => HealthIndicatorDto, description: 'A ping of the database, answered within 3 s' })
  database?: HealthIndicatorDto;
}

export class HealthResponseDto {
  @ApiProperty({
    enum: ['ok', 'error', 'shutting_down'],
    enumName: 'HealthStatus',
    description: '`ok` (200) when every check is up; `error` or `shutting_down` (503) otherwise',
    example: 'ok',
  })
  status!: 'ok' | 'error' | 'shutting_down';

  @ApiPropertyOptional({ type: () => HealthChecksDto, description: 'The checks that are up', example: { database: { status: 'up', responseTime: 2 } } })
  info?: HealthChecksDto;

  @ApiPropertyOptional({ type: () => HealthChecksDto, description: 'The checks that are down', example: {} })
  error?: HealthChecksDto;

  @ApiProperty({ type: () => HealthChecksDto, description: 'Every check, up or down', example: { database: { status: 'up', responseTime: 2 } } })
  details!: HealthChecksDto;
}

export class LivenessResponseDto {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status!: 'ok';
}
