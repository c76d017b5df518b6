import { generateSecret } from 'otplib';
import type { Affiliation } from '../../src/affiliations/affiliation.entity';
import { AffiliationsService } from '../../src/affiliations/affiliations.service';
import { CreateAffiliationDto } from '../../src/affiliations/dto/create-affiliation.dto';
import type { Actor } from '../../src/audit/audit.service';
import { Branch } from '../../src/branches/branch.entity';
import { BranchesService } from '../../src/branches/branches.service';
import { CreateBranchDto } from '../../src/branches/dto/create-branch.dto';
import { validateBody } from '../../src/common/http/validation';
import type { Invoice } from '../../src/fees/invoice.entity';
import { InvoicesRepository } from '../../src/fees/invoices.repository';
import type { User } from '../../src/users/user.entity';
import { UsersService } from '../../src/users/users.service';
import { createUser } from '../utils/auth';
import type { TestApp } from '../utils/test-app';
import { branchBody, today } from './branches.factory';

/*
 * Records made directly, without an HTTP round trip, for tests about something
 * else. Each goes through the app's own services (validated like a request
 * body, then registered, submitted or decided as the app does it), so a record
 * is exactly one the app could have made: these factories never write a table
 * themselves. Users are made by UsersService with a known password (createUser).
 */

export type BranchFields = Partial<Omit<CreateBranchDto, '_csrf'>>;
export type AffiliationFields = Partial<Omit<CreateAffiliationDto, '_csrf'>>;

/** Who made a record: the user, acting without a request (no address). */
const actorOf = (user: User): Actor => ({ id: user.id, role: user.role, ip: null });

/** A secretary (verified unless `verified: false`) whose password is TEST_PASSWORD. */
export function makeSecretary(t: TestApp, options: { email?: string; name?: string; verified?: boolean } = {}): Promise<User> {
  return createUser(t, {
    ...(options.email && { email: options.email }),
    ...(options.name && { name: options.name }),
    emailVerifiedAt: options.verified === false ? null : new Date(),
  });
}

/** A branch registered by `secretary` (a new one by default); fields as in the registration form. */
export async function makeBranch(t: TestApp, options: BranchFields & { secretary?: User } = {}): Promise<Branch> {
  const { secretary: given, ...fields } = options;
  const secretary = given ?? (await makeSecretary(t));
  const dto = await validateBody(CreateBranchDto, branchBody(fields));
  return t.app.get(BranchesService).register(secretary, actorOf(secretary), dto);
}

export interface AffiliationOptions extends AffiliationFields {
  /** The branch's secretary, who submits; by default the branch's own, or a new one. */
  secretary?: User;
  /** The branch, or the fields of a new one. */
  branch?: Branch | BranchFields;
}

/** This year's affiliation, submitted by the branch's secretary (motion passed today, statement endorsed). */
export async function makeSubmittedAffiliation(t: TestApp, options: AffiliationOptions = {}): Promise<Affiliation> {
  const { secretary: given, branch: branchOrFields, ...fields } = options;
  const branch = branchOrFields instanceof Branch ? branchOrFields : await makeBranch(t, { ...branchOrFields, secretary: given });
  const secretary = given ?? (await t.app.get(UsersService).findById(branch.secretaryId ?? ''));
  if (!secretary) throw new Error(`makeSubmittedAffiliation: branch ${branch.id} has no secretary to submit it`);
  const dto = await validateBody(CreateAffiliationDto, { motionPassedOn: today(), endorsesStatement: true, ...fields });
  return t.app.get(AffiliationsService).submit(secretary, actorOf(secretary), branch.id, dto);
}

const admins = new WeakMap<TestApp, Promise<User>>();

/** One admin per app who decides when a test names none. */
function defaultAdmin(t: TestApp): Promise<User> {
  let admin = admins.get(t);
  if (!admin) {
    admin = createUser(t, { role: 'admin', name: 'Factory Admin', totpSecret: generateSecret() });
    admins.set(t, admin);
  }
  return admin;
}

/** A submitted affiliation approved by `admin` (one of the app's by default), with the invoice approval raises. */
export async function makeApprovedAffiliation(
  t: TestApp,
  options: AffiliationOptions & { admin?: User } = {},
): Promise<{ affiliation: Affiliation; invoice: Invoice }> {
  const { admin: given, ...rest } = options;
  const submitted = await makeSubmittedAffiliation(t, rest);
  const admin = given ?? (await defaultAdmin(t));
  const affiliation = await t.app.get(AffiliationsService).decide(actorOf(admin), submitted.id, 'approve');
  const invoice = (await t.app.get(InvoicesRepository).findForBranch(affiliation.branchId)).find((i) => i.affiliationId === affiliation.id);
  if (!invoice) throw new Error(`makeApprovedAffiliation: approving ${affiliation.id} raised no invoice`);
  return { affiliation, invoice };
}

/** The invoice of a newly approved affiliation: open, due in FEES_DUE_DAYS, for the band's fee. */
export async function makeInvoice(t: TestApp, options: AffiliationOptions & { admin?: User } = {}): Promise<Invoice> {
  return (await makeApprovedAffiliation(t, options)).invoice;
}
