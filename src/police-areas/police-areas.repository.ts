import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PoliceArea } from './police-area.entity';

/** Named queries on police_areas; the police-areas feature is its one writer. */
@Injectable()
export class PoliceAreasRepository {
  constructor(private readonly dataSource: DataSource) {}

  findAllByName(): Promise<PoliceArea[]> {
    return this.dataSource.getRepository(PoliceArea).createQueryBuilder('a').orderBy('a.name', 'ASC').getMany();
  }

  findByKey(key: string, manager: EntityManager = this.dataSource.manager): Promise<PoliceArea | null> {
    return manager.getRepository(PoliceArea).findOneBy({ key });
  }

  lockByKey(manager: EntityManager, key: string): Promise<PoliceArea | null> {
    return manager.getRepository(PoliceArea).createQueryBuilder('a').setLock('pessimistic_write').where('a.key = :key', { key }).getOne();
  }

  /** Another area already called this (whatever its case), for the admin form's field error. */
  async nameTakenByAnother(manager: EntityManager, name: string, key: string): Promise<boolean> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM police_areas WHERE lower(name) = lower($1) AND key <> $2 LIMIT 1', [name, key]);
    return rows.length > 0;
  }

  async update(manager: EntityManager, key: string, change: Pick<PoliceArea, 'name' | 'accountableBody' | 'bodyKind'>): Promise<void> {
    await manager.getRepository(PoliceArea).update({ key }, change);
  }
}
