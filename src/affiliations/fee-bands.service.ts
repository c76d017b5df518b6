import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { NoFeeBandError } from './affiliations.errors';
import { FeeBand } from './fee-band.entity';

@Injectable()
export class FeeBandsService {
  constructor(@InjectRepository(FeeBand) private readonly bands: Repository<FeeBand>) {}

  list(): Promise<FeeBand[]> {
    return this.bands.find({ order: { minMembers: 'ASC' } });
  }

  /** The band a branch of this size pays; a regional or national body pays the band marked for them. */
  async bandFor(membershipSize: number, regionalBody: boolean, manager?: EntityManager): Promise<FeeBand> {
    const repo = manager ? manager.getRepository(FeeBand) : this.bands;
    const qb = repo.createQueryBuilder('f');
    if (regionalBody) {
      qb.where('f.for_regional_bodies = true').orderBy('f.amount_pence', 'DESC');
    } else {
      qb.where('f.min_members <= :n AND (f.max_members IS NULL OR f.max_members >= :n)', { n: membershipSize }).orderBy('f.min_members', 'DESC');
    }
    const band = await qb.limit(1).getOne();
    if (!band) throw new NoFeeBandError();
    return band;
  }
}
