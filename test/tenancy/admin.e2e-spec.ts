import { PLATFORM_ROLE } from '@ringlypro/core';
import { promoteToAdmin } from '@ringlypro/tenancy';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';

describe('platform admins', () => {
  let t: TestApp;
  let admin: TestTenant;
  let owner: TestTenant;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await registerTenant(t.http);
    owner = await registerTenant(t.http);
    const promoted = await t.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL ROLE ${PLATFORM_ROLE}`);
      return promoteToAdmin(manager, admin.email.toUpperCase());
    });
    expect(promoted).toBe(true);
  });
  afterAll(() => t.close());

  it('refuses the client list to an owner with 403', async () => {
    const res = await t.http.get('/api/client/list').set(owner.auth).expect(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('lists every client to an admin, paginated', async () => {
    const page1 = await t.http.get('/api/client/list?page=1&page_size=1').set(admin.auth).expect(200);
    expect(page1.body.pagination).toEqual({ page: 1, page_size: 1, total: 2 });
    const page2 = await t.http.get('/api/client/list?page=2&page_size=1').set(admin.auth).expect(200);
    expect([page1.body.data[0].id, page2.body.data[0].id].sort()).toEqual([admin.clientId, owner.clientId].sort());
  });

  it("lets an admin read and change another client's settings through the path", async () => {
    await t.http.patch(`/api/client/${owner.clientId}`).set(admin.auth).send({ custom_greeting: 'Set by support' }).expect(200);
    const res = await t.http.get(`/api/client/${owner.clientId}`).set(owner.auth).expect(200);
    expect(res.body.client.custom_greeting).toBe('Set by support');
  });

  it('reports a promotion of an unknown email', async () => {
    const promoted = await t.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL ROLE ${PLATFORM_ROLE}`);
      return promoteToAdmin(manager, 'nobody@example.com');
    });
    expect(promoted).toBe(false);
  });
});
