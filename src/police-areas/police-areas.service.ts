import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service';
import { BadInputError } from '../common/errors/domain-error';
import { uniqueViolation } from '../common/errors/unique-violation';
import { TimedRead } from '../common/timed-read';
import type { BodyKind } from './police-area-kinds';
import type { PoliceArea } from './police-area.entity';
import { PoliceAreasRepository } from './police-areas.repository';
import { PoliceAreaNotFoundError } from './police-areas.errors';

/** One police force area as other features see it. */
export interface PoliceAreaView {
  key: string;
  name: string;
  accountableBody: string;
  bodyKind: BodyKind;
}

export type PoliceAreaChange = Pick<PoliceAreaView, 'name' | 'accountableBody' | 'bodyKind'>;

const view = (a: PoliceArea): PoliceAreaView => ({ key: a.key, name: a.name, accountableBody: a.accountableBody, bodyKind: a.bodyKind });

const NAME_TAKEN = 'Another police force area already has this name';

/**
 * The UK's police force areas and who holds each force to account: the
 * letter builder's picker, the PCC replies' tallies and the admins' edits.
 * A short table read often, so it is kept in memory and read again after a
 * change (here) or at most every 30 seconds (a change made by another instance).
 */
const TTL_MS = 30_000;

@Injectable()
export class PoliceAreasService {
  private readonly areas = new TimedRead(TTL_MS, async () => (await this.repository.findAllByName()).map(view));

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: PoliceAreasRepository,
    private readonly audit: AuditService,
  ) {}

  /** Every area, by name. */
  async list(): Promise<Array<PoliceAreaView>> {
    return (await this.areas.get()).map((a) => ({ ...a }));
  }

  /** The area with this key, or undefined (keys are checked here, so any string may be asked about). */
  async findByKey(key: string): Promise<PoliceAreaView | undefined> {
    if (typeof key !== 'string' || key.length > 64) return undefined;
    return (await this.list()).find((a) => a.key === key);
  }

  /** The area a person means by a key or a name (any case), or undefined. */
  async resolve(keyOrName: string): Promise<PoliceAreaView | undefined> {
    const wanted = keyOrName.trim().toLowerCase();
    return (await this.list()).find((a) => a.key === wanted || a.name.toLowerCase() === wanted);
  }

  /** An admin's correction of an area's name or body; audited with before and after. */
  async update(actor: Actor, key: string, change: PoliceAreaChange): Promise<PoliceAreaView> {
    try {
      const updated = await this.dataSource.transaction(async (manager) => this.updateIn(manager, actor, key, change));
      this.areas.invalidate();
      return updated;
    } catch (error) {
      if (uniqueViolation(error) === 'uq_police_areas_name') throw new BadInputError({ name: [NAME_TAKEN] });
      throw error;
    }
  }

  private async updateIn(manager: EntityManager, actor: Actor, key: string, change: PoliceAreaChange): Promise<PoliceAreaView> {
    const area = await this.repository.lockByKey(manager, key);
    if (!area) throw new PoliceAreaNotFoundError();
    if (await this.repository.nameTakenByAnother(manager, change.name, key)) throw new BadInputError({ name: [NAME_TAKEN] });
    const before = view(area);
    const after: PoliceAreaView = { key, ...change };
    if (before.name === after.name && before.accountableBody === after.accountableBody && before.bodyKind === after.bodyKind) return before;
    await this.repository.update(manager, key, change);
    await this.audit.record(manager, actor, {
      action: 'police_area.changed',
      subjectType: 'police_area',
      subjectId: key,
      summary: { before: { name: before.name, accountableBody: before.accountableBody, bodyKind: before.bodyKind }, after: change },
    });
    return after;
  }
}
