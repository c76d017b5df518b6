import { CreateDateColumn, UpdateDateColumn } from 'typeorm';

/** When a row was created and last changed; PostgreSQL's clock, set by TypeORM on insert and update. */
export abstract class Timestamped {
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
