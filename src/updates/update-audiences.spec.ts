import type { UpdateAudience, UpdateAudienceKey, UpdateRecipient } from './update-audience';
import { UpdateAudiences } from './update-audiences';

const fake = (key: UpdateAudienceKey, people: UpdateRecipient[]): UpdateAudience & { stopped: string[] } => {
  const stopped: string[] = [];
  return {
    key,
    label: key,
    stopped,
    recipients: async () => people,
    unsubscribe: async (ref) => void stopped.push(ref),
    unsubscribeAddress: async (email) => void stopped.push(...people.filter((p) => p.email.toLowerCase() === email).map((p) => p.ref)),
  };
};

describe('the update audiences', () => {
  const supporters = fake('supporters', [
    { ref: 's1', email: 'Jo@Example.org', name: 'Jo' },
    { ref: 's2', email: 'sam@example.org', name: 'Sam' },
  ]);
  const branches = fake('branches', [
    { ref: 'u1', email: 'jo@example.org', name: 'Jo Secretary' },
    { ref: 'u2', email: 'pat@example.org', name: 'Pat' },
  ]);

  it('gives each address once across audiences, lower-cased, the first audience keeping it', async () => {
    const audiences = new UpdateAudiences();
    audiences.register(branches);
    audiences.register(supporters);
    const recipients = await audiences.recipientsOf(['branches', 'supporters']);
    expect(recipients).toEqual([
      { audience: 'supporters', ref: 's1', email: 'jo@example.org', name: 'Jo' },
      { audience: 'supporters', ref: 's2', email: 'sam@example.org', name: 'Sam' },
      { audience: 'branches', ref: 'u2', email: 'pat@example.org', name: 'Pat' },
    ]);
    expect((await audiences.recipientsOf(['branches'])).map((r) => r.ref)).toEqual(['u1', 'u2']);
  });

  it('leaves out an address the outbox would refuse, rather than let it stop the update', async () => {
    const audiences = new UpdateAudiences();
    audiences.register(fake('branches', [
      { ref: 'u1', email: 'two@example.org, three@example.org', name: 'Two' },
      { ref: 'u2', email: 'ok@example.org', name: 'Ok' },
    ]));
    expect((await audiences.recipientsOf(['branches'])).map((r) => r.ref)).toEqual(['u2']);
  });

  it('lists registered audiences in a fixed order and refuses one registered twice', () => {
    const audiences = new UpdateAudiences();
    audiences.register(branches);
    expect(audiences.list().map((a) => a.key)).toEqual(['branches']);
    audiences.register(supporters);
    expect(audiences.list().map((a) => a.key)).toEqual(['supporters', 'branches']);
    expect(() => audiences.register(fake('branches', []))).toThrow(/twice/);
  });

  it('refuses an audience nobody registered', async () => {
    await expect(new UpdateAudiences().recipientsOf(['supporters'])).rejects.toThrow(/not available/);
  });
});
