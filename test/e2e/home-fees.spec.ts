import { signInAdmin, type SignedIn } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

describe('the home page’s fee table', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAdmin(t);
  });
  afterAll(() => t?.close());

  /** The fee table's rows as [band, fee]. */
  const feeRows = async (): Promise<string[][]> => {
    const html = (await t.http().get('/').expect(200)).text;
    const table = /<h2 id="fees-title">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)![1]!;
    return [...table.matchAll(/<tr><td>(.*?)<\/td><td>(.*?)<\/td><\/tr>/g)].map((m) => [m[1]!, m[2]!]);
  };

  it('shows the fee bands as admins edit them', async () => {
    expect(await feeRows()).toEqual([
      ['Up to 500 members', '£25'],
      ['501 to 2,000 members', '£50'],
      ['2,001 to 5,000 members', '£100'],
      ['Over 5,000 members, regional and national bodies', '£250'],
    ]);
    const [first] = (await admin.agent.get('/api/admin/fee-bands').expect(200)).body.items;
    await admin.agent
      .patch(`/api/admin/fee-bands/${first.id}`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ label: 'Up to 500 members (small branches)', amountPence: 3050 })
      .expect(200);
    expect((await feeRows())[0]).toEqual(['Up to 500 members (small branches)', '£30.50']);
  });
});
