import { FixedClock, JobName, QueueService } from '@ringlypro/core';
import { purgeJobIdFor } from '../../libs/core/src/errors/purge-error-logs.job';
import { startTestApp, type TestApp } from '../support/test-app';

/** A real job end to end: enqueued through QueueService, run by its @JobHandler, on the configured driver. */
describe('purge-error-logs job', () => {
  const clock = new FixedClock(new Date('2026-11-25T10:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());

  it('deletes error_logs past 90 days, keeps recent ones, and books the next run', async () => {
    await t.dataSource.query(
      `INSERT INTO error_logs (message, created_at) VALUES ('old', '2026-08-01T00:00:00Z'), ('recent', '2026-11-20T00:00:00Z')`,
    );
    const queue = t.app.get(QueueService);
    const { id } = await queue.enqueue(JobName.PurgeErrorLogs, { run_date: '2026-11-25' }, { jobId: 'purge-now' });
    const deadline = Date.now() + 10_000;
    let job = await queue.getJob(JobName.PurgeErrorLogs, id);
    while (job?.state !== 'completed' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      job = await queue.getJob(JobName.PurgeErrorLogs, id);
    }
    expect(job).toMatchObject({ state: 'completed', returnValue: { deleted: 1 } });
    const messages = (await t.dataSource.query(`SELECT message FROM error_logs ORDER BY message`)).map((r: { message: string }) => r.message);
    expect(messages).toEqual(['recent']);
    const next = await queue.getJob(JobName.PurgeErrorLogs, purgeJobIdFor(new Date('2026-11-26T00:00:00Z')));
    expect(next).toMatchObject({ state: 'delayed', data: { run_date: '2026-11-26' } });
  });
});
