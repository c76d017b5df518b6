import { ApiProperty } from '@nestjs/swagger';
import type { AuditRow } from '../audit-log.service';

/** One audit event as admins read it. */
export class AuditEventDto {
  @ApiProperty({ type: String, pattern: '^[1-9][0-9]*$', description: 'The event’s number (events are numbered in order)', example: '1042' })
  id!: string;
  @ApiProperty({ example: 'affiliation.approve' }) action!: string;
  @ApiProperty({ type: String, nullable: true, example: 'affiliation', description: 'What kind of thing it was done to' }) subjectType!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Which one (its id)' }) subjectId!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What changed, as the action records it (before/after values, counts)',
    example: { from: 'submitted', to: 'approved' },
  })
  summary!: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, description: 'The client address (removed after RETENTION_AUDIT_IP_DAYS)' }) ip!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'admin', description: 'secretary, admin, or null for the system' }) actorRole!: string | null;
  @ApiProperty({ type: String, format: 'email', nullable: true, description: 'null: the system, or an account since deleted' }) actorEmail!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;

  static from(r: AuditRow): AuditEventDto {
    return {
      id: r.id,
      action: r.action,
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      summary: r.summary,
      ip: r.ip,
      actorRole: r.actorRole,
      actorEmail: r.actorEmail,
      createdAt: r.createdAt,
    };
  }
}
