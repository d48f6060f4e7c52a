import { FixedClock, JobIds, JobName, QueueService } from '@ringlypro/core';
import { JobRecovery } from '@ringlypro/messaging';
import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant } from '../support/tenants';

/** What the database says is owed, re-enqueued when the queue lost it (an embedded restart, a flushed Redis). */
describe('job recovery at boot', () => {
  const clock = new FixedClock(new Date('2026-06-08T14:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());

  it('re-enqueues reminders of upcoming appointments and provisioning of clients stuck pending', async () => {
    const tenant = await registerTenant(t.http);
    await eventually(async () => (await t.dataSource.query(`SELECT ringlypro_number FROM clients WHERE id = $1`, [tenant.clientId]))[0].ringlypro_number, 'provisioning');
    // Rows written behind the queue's back: an appointment with no reminder job, a client whose provisioning job was lost.
    const [appointment] = await t.dataSource.query(
      `INSERT INTO appointments (client_id, customer_name, customer_phone, appointment_date, appointment_time, duration, source, confirmation_code)
       VALUES ($1, 'Lost Reminder', '+16565550177', '2026-06-12', '10:00', 30, 'manual', 'RECOVER1') RETURNING id, starts_at`,
      [tenant.clientId],
    );
    const stuck = await registerTenant(t.http);
    await eventually(async () => (await t.dataSource.query(`SELECT ringlypro_number FROM clients WHERE id = $1`, [stuck.clientId]))[0].ringlypro_number, 'provisioning');
    await t.dataSource.query(`UPDATE clients SET ringlypro_number = NULL, twilio_number_sid = NULL, number_status = 'pending', created_at = $2 WHERE id = $1`, [
      stuck.clientId,
      new Date('2026-06-08T12:00:00Z'),
    ]);

    const recovered = await t.app.get(JobRecovery).recover();
    expect(recovered.provisioning).toBe(1);
    expect(recovered.reminders).toBeGreaterThanOrEqual(1);
    const reminder = await t.app.get(QueueService).getJob(JobName.SendAppointmentReminder, JobIds.reminder(appointment.id, new Date(appointment.starts_at)));
    expect(reminder).toMatchObject({ state: 'delayed', data: { appointment_id: appointment.id } });
    await eventually(async () => (await t.dataSource.query(`SELECT ringlypro_number FROM clients WHERE id = $1`, [stuck.clientId]))[0].ringlypro_number, 'recovered provisioning');

    // Running it again adds nothing new: the job ids are the same.
    const again = await t.app.get(JobRecovery).recover();
    expect(again.provisioning).toBe(0);
  });
});
