/*
 * A client an integrator would write from PRODUCT.md's API list, with nothing
 * but the types generated from /api/docs/openapi.json (openapi-typescript)
 * and openapi-fetch: no casts, no `any`, compiled with `tsc --strict`
 * (tsconfig.json beside it). The contract test compiles it, then runs it
 * against the test app: register → confirm the address → sign in → register a
 * branch → submit its affiliation → an admin signs in with the second factor
 * and approves → the secretary reads the invoice and downloads the documents
 * → the admin records the payment → the branch is on the public list.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './generated/schema';

type UnionKey = components['schemas']['UnionKey'];
type RegionKey = components['schemas']['RegionKey'];

export interface WalkOptions {
  baseUrl: string;
  /** The token in the confirmation link emailed to `email` (the test reads the outbox). */
  confirmationToken(email: string): Promise<string>;
  admin: { email: string; password: string; code(): string };
  secretary: { email: string; password: string; name: string };
  branch: { union: UnionKey; name: string; region: RegionKey; membershipSize: number; publicName: string };
  today: string;
}

export interface WalkResult {
  me: { email: string; role: string };
  branchId: string;
  affiliationStatus: string;
  approvedStatus: string;
  invoiceReference: string;
  amountPence: number;
  paymentLocation: string | null;
  documents: { motionBytes: number; letterBytes: number; contentType: string | null };
  listed: { publicName: string; unionKey: string; regionKey: string } | undefined;
  unions: number;
}

/** One person's client: a cookie jar (a script has no browser to keep the session) and the CSRF token. */
function personClient(baseUrl: string) {
  const cookies = new Map<string, string>();
  let csrf = '';
  const session: Middleware = {
    onRequest({ request }) {
      if (cookies.size) request.headers.set('Cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
      if (csrf && request.method !== 'GET') request.headers.set('X-CSRF-Token', csrf);
      return request;
    },
    onResponse({ response }) {
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const at = pair?.indexOf('=') ?? -1;
        if (pair && at > 0) cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
      return response;
    },
  };
  const api = createClient<paths>({ baseUrl });
  api.use(session);
  return {
    api,
    useToken(token: string): void {
      csrf = token;
    },
  };
}

function ok<T>(result: { data?: T; error?: unknown; response: Response }, what: string): T {
  if (result.data === undefined) throw new Error(`${what}: ${result.response.status} ${JSON.stringify(result.error)}`);
  return result.data;
}

export async function walk(o: WalkOptions): Promise<WalkResult> {
  // The secretary: a session and its CSRF token, then an account.
  const sec = personClient(o.baseUrl);
  sec.useToken(ok(await sec.api.GET('/api/csrf'), 'csrf').token);
  const registered = await sec.api.POST('/api/auth/register', { body: { email: o.secretary.email, password: o.secretary.password, name: o.secretary.name } });
  if (registered.response.status !== 202) throw new Error(`register: ${registered.response.status}`);
  ok(await sec.api.POST('/api/auth/verify-email', { body: { token: await o.confirmationToken(o.secretary.email) } }), 'verify');

  const signedIn = ok(await sec.api.POST('/api/auth/login', { body: { email: o.secretary.email, password: o.secretary.password } }), 'login');
  if (signedIn.mfaRequired) throw new Error('a secretary is not asked for a second factor');
  sec.useToken(signedIn.csrfToken);
  const me = ok(await sec.api.GET('/api/me'), 'me');

  const unions = ok(await sec.api.GET('/api/reference/unions'), 'unions');
  const branch = ok(
    await sec.api.POST('/api/branches', {
      body: { ...o.branch, listPublicly: true },
    }),
    'branch',
  );
  const affiliation = ok(
    await sec.api.POST('/api/branches/{branchId}/affiliations', {
      params: { path: { branchId: branch.id } },
      body: { motionPassedOn: o.today, endorsesStatement: true },
    }),
    'affiliation',
  );

  // An admin: password, then the second factor, then the decision.
  const adm = personClient(o.baseUrl);
  adm.useToken(ok(await adm.api.GET('/api/csrf'), 'csrf').token);
  const first = ok(await adm.api.POST('/api/auth/login', { body: { email: o.admin.email, password: o.admin.password } }), 'admin login');
  adm.useToken(first.csrfToken);
  if (first.mfaRequired) adm.useToken(ok(await adm.api.POST('/api/auth/mfa', { body: { code: o.admin.code() } }), 'mfa').csrfToken);
  const approved = ok(
    await adm.api.POST('/api/admin/affiliations/{id}/{decision}', { params: { path: { id: affiliation.id, decision: 'approve' } }, body: {} }),
    'approve',
  );

  // The treasurer's side: the invoice's reference and amount, then the payment.
  const statement = ok(await sec.api.GET('/api/branches/{id}/invoices', { params: { path: { id: branch.id } } }), 'invoices');
  const invoice = statement.invoices[0];
  if (!invoice) throw new Error('no invoice was raised on approval');
  const motion = await sec.api.GET('/api/branches/{id}/documents/model-motion.docx', { params: { path: { id: branch.id } }, parseAs: 'blob' });
  const letter = await sec.api.GET('/api/branches/{id}/documents/affiliation-letter.docx', { params: { path: { id: branch.id } }, parseAs: 'blob' });
  const paid = await adm.api.POST('/api/admin/payments', {
    body: { reference: invoice.reference, amountPence: invoice.outstandingPence, receivedOn: o.today, method: 'bank_transfer', bankReference: `WALK ${invoice.reference}` },
  });
  ok(paid, 'payment');

  // Anyone: the public list, filtered by the branch's own keys. It is rebuilt
  // moments after a change, so a reader looks again shortly if it is not there yet.
  const anyone = createClient<paths>({ baseUrl: o.baseUrl });
  let listed: components['schemas']['PublicAffiliateDto'] | undefined;
  for (let attempt = 0; attempt < 50 && !listed; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    const page = ok(await anyone.GET('/api/public/affiliates', { params: { query: { union: o.branch.union, region: o.branch.region, pageSize: 100 } } }), 'public list');
    listed = page.items.find((item) => item.publicName === o.branch.publicName);
  }

  return {
    me: { email: me.email, role: me.role },
    branchId: branch.id,
    affiliationStatus: affiliation.status,
    approvedStatus: approved.status,
    invoiceReference: invoice.reference,
    amountPence: invoice.amountPence,
    paymentLocation: paid.response.headers.get('Location'),
    documents: {
      motionBytes: ok(motion, 'motion').size,
      letterBytes: ok(letter, 'letter').size,
      contentType: motion.response.headers.get('Content-Type'),
    },
    listed: listed && { publicName: listed.publicName, unionKey: listed.unionKey, regionKey: listed.regionKey },
    unions: unions.items.length,
  };
}
