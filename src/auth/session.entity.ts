import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The table connect-pg-simple keeps express-session's sessions in. */
@Entity({ name: 'sessions' })
@Index('ix_sessions_expire', ['expire'])
@Index('ix_sessions_user', ['userId'])
export class Session {
  @PrimaryColumn({ type: 'varchar', length: 255, primaryKeyConstraintName: 'pk_sessions' })
  sid!: string;

  @Column({ type: 'json' })
  sess!: Record<string, unknown>;

  @Column({ type: 'timestamp', precision: 6 })
  expire!: Date;

  /** Filled by a trigger from the session data, so every session of a user can be ended at once. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;
}
