import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The table rate-limiter-flexible keeps its counters in, shared by every instance:
 * sign-in failures, "already registered" notices, branch existence probes.
 */
@Entity({ name: 'rate_limits' })
export class RateLimit {
  @PrimaryColumn({ type: 'varchar', length: 255, primaryKeyConstraintName: 'pk_rate_limits' })
  key!: string;

  @Column({ type: 'integer', default: 0 })
  points!: number;

  @Column({ type: 'bigint', nullable: true })
  expire!: string | null;
}
