import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';

describe("client profile and Rachel's settings", () => {
  let t: TestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    t = await startTestApp();
    tenant = await registerTenant(t.http, { business_phone: '(656) 600-1777' });
  });
  afterAll(() => t.close());

  it('reads the profile with the seed defaults', async () => {
    const res = await t.http.get(`/api/client/${tenant.clientId}`).set(tenant.auth).expect(200);
    expect(res.body.client).toMatchObject({
      id: tenant.clientId,
      business_phone: '+16566001777',
      custom_greeting: "Thank you for calling. I'm Rachel, your virtual assistant.",
      business_hours_start: '09:00',
      business_hours_end: '17:00',
      business_days: 'Mon-Fri',
      timezone: 'America/New_York',
      per_minute_rate: '0.100',
      booking_enabled: true,
      sms_notifications: true,
    });
  });

  it('changes settings, normalising days, phone and email', async () => {
    const res = await t.http
      .patch(`/api/client/${tenant.clientId}`)
      .set(tenant.auth)
      .send({
        custom_greeting: 'Hi, Acme here!',
        business_hours_start: '08:30',
        business_hours_end: '18:00',
        business_days: 'mon,tue,wed,thu,fri,sat',
        timezone: 'Pacific/Auckland',
        appointment_duration: 45,
        booking_enabled: false,
        sms_notifications: false,
        owner_phone: '656.600.1888',
        owner_email: ' Owner@Acme.Example ',
      })
      .expect(200);
    expect(res.body.client).toMatchObject({
      custom_greeting: 'Hi, Acme here!',
      business_hours_start: '08:30',
      business_hours_end: '18:00',
      business_days: 'Mon-Sat',
      timezone: 'Pacific/Auckland',
      appointment_duration: 45,
      booking_enabled: false,
      sms_notifications: false,
      owner_phone: '+16566001888',
      owner_email: 'owner@acme.example',
    });
    const again = await t.http.get(`/api/client/${tenant.clientId}`).set(tenant.auth).expect(200);
    expect(again.body.client.business_days).toBe('Mon-Sat');
  });

  it('changes one end of the business hours against the stored other end', async () => {
    await t.http.patch(`/api/client/${tenant.clientId}`).set(tenant.auth).send({ business_hours_end: '20:00' }).expect(200);
    const res = await t.http.patch(`/api/client/${tenant.clientId}`).set(tenant.auth).send({ business_hours_start: '20:30' }).expect(400);
    expect(res.body.error.fields[0].field).toBe('business_hours_start');
  });

  it("reports Rachel's status, with the number provisioning bought in the business's area code", async () => {
    // Provisioning runs on the queue after sign-up (the offline simulator stands in for Twilio).
    const res = await eventually(async () => {
      const r = await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth).expect(200);
      return r.body.forwarding_status !== 'pending' && r;
    }, 'provisioning');
    expect(res.body).toEqual({
      success: true,
      client_id: tenant.clientId,
      rachel_enabled: true,
      number_status: 'active',
      forwarding_verified: false,
      forwarding_verified_at: null,
      forwarding_status: 'active',
      ringlypro_number: '+16565550100',
    });
  });

  it('does not change a setting when the request fails', async () => {
    const before = (await t.http.get(`/api/client/${tenant.clientId}`).set(tenant.auth)).body.client;
    await t.http.patch(`/api/client/${tenant.clientId}`).set(tenant.auth).send({ custom_greeting: 'changed', appointment_duration: 1 }).expect(400);
    expect((await t.http.get(`/api/client/${tenant.clientId}`).set(tenant.auth)).body.client).toEqual(before);
  });
});
