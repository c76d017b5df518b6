import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service';
import { AdminNote } from './admin-note.entity';
import { BranchNotFoundError, NoteNotFoundError } from './branches.errors';
import { BranchesRepository } from './branches.repository';

export interface NoteRow {
  id: string;
  body: string;
  createdAt: Date;
  authorName: string | null;
}

@Injectable()
export class AdminNotesService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(AdminNote) private readonly notes: Repository<AdminNote>,
    private readonly branches: BranchesRepository,
    private readonly audit: AuditService,
  ) {}

  findForBranch(branchId: string): Promise<NoteRow[]> {
    return this.notes.query(`${NOTE_SELECT} WHERE n.branch_id = $1 ORDER BY n.created_at DESC, n.id DESC`, [branchId]);
  }

  /** One note of the branch; `noteId` is a note number (NOTE_ID_404 checked it). */
  async findOne(branchId: string, noteId: string): Promise<NoteRow> {
    const [note]: NoteRow[] = await this.notes.query(`${NOTE_SELECT} WHERE n.branch_id = $1 AND n.id = $2`, [branchId, noteId]);
    if (!note) throw new NoteNotFoundError();
    return note;
  }

  async add(actor: Actor, branchId: string, body: string): Promise<NoteRow> {
    if (!(await this.branches.findById(branchId))) throw new BranchNotFoundError();
    const id = await this.dataSource.transaction(async (manager) => {
      const note = await manager.getRepository(AdminNote).save(manager.getRepository(AdminNote).create({ branchId, authorId: actor.id, body }));
      await this.audit.record(manager, actor, { action: 'branch.note_add', subjectType: 'branch', subjectId: branchId, summary: { noteId: note.id } });
      return note.id;
    });
    return this.findOne(branchId, id);
  }
}

const NOTE_SELECT = `SELECT n.id, n.body, n.created_at AS "createdAt", u.name AS "authorName"
  FROM admin_notes n LEFT JOIN users u ON u.id = n.author_id`;
