import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import type { FeeQuote } from '../affiliations/affiliation-hooks';
import { AuditService, type Actor } from '../audit/audit.service';
import { BadInputError } from '../common/errors/domain-error';
import { uniqueViolation } from '../common/errors/unique-violation';
import { TimedRead } from '../common/timed-read';
import { FeeBand } from './fee-band.entity';
import { FeeBandNotFoundError, NoFeeBandError } from './fees.errors';

export interface FeeBandChange {
  label?: string;
  amountPence?: number;
  /** Where the band starts; it runs to just below the next band's start (the last is open-ended). */
  minMembers?: number;
  /** Regional and national bodies pay this band, whatever their size (at most one band). */
  forRegionalBodies?: boolean;
}

export type NewFeeBand = Required<Pick<FeeBandChange, 'label' | 'amountPence' | 'minMembers'>> & Pick<FeeBandChange, 'forRegionalBodies'>;

type BandSnapshot = Pick<FeeBand, 'label' | 'minMembers' | 'maxMembers' | 'amountPence' | 'forRegionalBodies'>;

const snapshot = (b: FeeBand): BandSnapshot => ({
  label: b.label,
  minMembers: b.minMembers,
  maxMembers: b.maxMembers,
  amountPence: b.amountPence,
  forRegionalBodies: b.forRegionalBodies,
});

/**
 * The fee bands: what a branch pays, and the admins' changes to them. The
 * CreateBranches migration seeded the campaign's first bands; admins change
 * labels, amounts and where each band starts. The bands always cover every
 * membership from 1 up, without gaps or overlaps: each band runs from its
 * start to just below the next band's, and the lowest starts at 1. A change
 * applies to affiliations and invoices from now on: each keeps the label and
 * amount it was agreed with.
 */
/** How long a process serves the bands it last read before reading them again (another instance may have changed them). */
const CURRENT_TTL_MS = 10_000;

@Injectable()
export class FeeBandsService {
  private readonly current = new TimedRead<readonly FeeBand[]>(CURRENT_TTL_MS, () => this.list());

  constructor(
    @InjectRepository(FeeBand) private readonly bands: Repository<FeeBand>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<FeeBand[]> {
    return this.bands.find({ order: { minMembers: 'ASC' } });
  }

  /**
   * The bands for pages everyone sees (the home page's fee table): read at
   * most every 10 seconds, and at once after a change made by this process.
   * The same array until then, so a page rendered from it can be kept too.
   */
  listCurrent(): Promise<readonly FeeBand[]> {
    return this.current.get();
  }

  async get(id: number): Promise<FeeBand> {
    const band = await this.bands.findOneBy({ id });
    if (!band) throw new FeeBandNotFoundError();
    return band;
  }

  /** The fee a branch would be agreed at today: its band's label and amount. */
  async quote(branch: { membershipSize: number; regionalBody: boolean }, manager?: EntityManager): Promise<FeeQuote> {
    const band = await this.bandFor(branch, manager);
    return { feeBandId: band.id, feeBandLabel: band.label, feePence: band.amountPence };
  }

  /** The band a branch of this size pays; a regional or national body pays the band marked for them. */
  async bandFor(branch: { membershipSize: number; regionalBody: boolean }, manager?: EntityManager): Promise<FeeBand> {
    const qb = (manager ? manager.getRepository(FeeBand) : this.bands).createQueryBuilder('f');
    if (branch.regionalBody) {
      qb.where('f.for_regional_bodies = true').orderBy('f.amount_pence', 'DESC');
    } else {
      qb.where('f.min_members <= :n AND (f.max_members IS NULL OR f.max_members >= :n)', { n: branch.membershipSize }).orderBy('f.min_members', 'DESC');
    }
    const band = await qb.limit(1).getOne();
    if (!band) throw new NoFeeBandError();
    return band;
  }

  update(actor: Actor, id: number, change: FeeBandChange): Promise<FeeBand> {
    return this.changeBands(actor, 'fee_band.changed', async (repo) => {
      const band = await repo.findOneBy({ id });
      if (!band) throw new FeeBandNotFoundError();
      const before = snapshot(band);
      Object.assign(band, changedFields(change));
      await repo.save(band);
      if (change.forRegionalBodies) await this.onlyRegionalBand(repo, band.id);
      return { band, before };
    });
  }

  add(actor: Actor, band: NewFeeBand): Promise<FeeBand> {
    return this.changeBands(actor, 'fee_band.added', async (repo) => {
      const saved = await repo.save(repo.create({ forRegionalBodies: false, ...changedFields(band), maxMembers: null }));
      if (band.forRegionalBodies) await this.onlyRegionalBand(repo, saved.id);
      return { band: saved, before: null };
    });
  }

  /** Its members join the band below it (or, for the lowest, the band above, which then starts at 1). */
  async remove(actor: Actor, id: number): Promise<void> {
    await this.changeBands(actor, 'fee_band.removed', async (repo) => {
      const band = await repo.findOneBy({ id });
      if (!band) throw new FeeBandNotFoundError();
      if ((await repo.count()) === 1) throw new BadInputError({ band: ['There must always be at least one fee band'] }, 'The last fee band cannot be removed');
      await repo.delete({ id });
      if (band.minMembers === 1) {
        const next = await repo.findOne({ where: {}, order: { minMembers: 'ASC' } });
        if (next) await repo.update({ id: next.id }, { minMembers: 1 });
      }
      return { band, before: snapshot(band), removed: true };
    });
  }

  /**
   * One change to the bands, in a transaction that holds the table (so two
   * admins' changes take turns), then re-derives every band's end from the
   * next band's start, checks the bands still cover every size, and audits.
   */
  private async changeBands(
    actor: Actor,
    action: string,
    change: (repo: Repository<FeeBand>) => Promise<{ band: FeeBand; before: BandSnapshot | null; removed?: boolean }>,
  ): Promise<FeeBand> {
    try {
      const changed = await this.dataSource.transaction(async (manager) => {
        await manager.query('LOCK TABLE fee_bands IN SHARE ROW EXCLUSIVE MODE');
        const repo = manager.getRepository(FeeBand);
        const { band, before, removed } = await change(repo);
        await manager.query(
          `UPDATE fee_bands f SET max_members = n.next_min - 1
             FROM (SELECT id, lead(min_members) OVER (ORDER BY min_members) AS next_min FROM fee_bands) n
            WHERE f.id = n.id AND f.max_members IS DISTINCT FROM n.next_min - 1`,
        );
        const [lowest] = await repo.find({ order: { minMembers: 'ASC' }, take: 1 });
        if (lowest && lowest.minMembers !== 1) {
          throw new BadInputError({ minMembers: ['The lowest band must start at 1 member, so that every branch has a band'] });
        }
        const after = removed ? null : await repo.findOneByOrFail({ id: band.id });
        await this.audit.record(manager, actor, {
          action,
          subjectType: 'fee_band',
          subjectId: String(band.id),
          summary: { before, after: after && snapshot(after) },
        });
        return after ?? band;
      });
      this.current.invalidate();
      return changed;
    } catch (error) {
      if (uniqueViolation(error) === 'uq_fee_bands_min_members') {
        throw new BadInputError({ minMembers: ['Another band already starts at that number of members'] });
      }
      throw error;
    }
  }

  private async onlyRegionalBand(repo: Repository<FeeBand>, id: number): Promise<void> {
    await repo.createQueryBuilder().update().set({ forRegionalBodies: false }).where('id <> :id AND for_regional_bodies', { id }).execute();
  }
}

/** Only the fields a change may set, and only those it gives. */
function changedFields(change: FeeBandChange): FeeBandChange {
  const { label, amountPence, minMembers, forRegionalBodies } = change;
  return Object.fromEntries(Object.entries({ label, amountPence, minMembers, forRegionalBodies }).filter(([, v]) => v !== undefined));
}
