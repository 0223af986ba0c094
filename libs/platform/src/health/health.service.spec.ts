import { HealthService } from './health.service';

describe('HealthService', () => {
  it('is ok when every check answers', async () => {
    const health = new HealthService('svc');
    health.register('a', async () => ({ fine: true }));
    health.register('b', async () => undefined);
    const report = await health.report();
    expect(report.status).toBe('ok');
    expect(report.checks.a).toMatchObject({ status: 'up', detail: { fine: true } });
  });

  it('reports the failing check with its error', async () => {
    const health = new HealthService('svc');
    health.register('ok', async () => 1);
    health.register('s3', async () => {
      throw Object.assign(new Error('bucket missing'), { name: 'NotFound' });
    });
    const report = await health.report();
    expect(report.status).toBe('error');
    expect(report.checks.s3).toMatchObject({ status: 'down', error: 'NotFound: bucket missing' });
    expect(report.checks.ok.status).toBe('up');
  });

  it('counts a check that does not answer in time as down', async () => {
    const health = new HealthService('svc', 50);
    health.register('kafka', () => new Promise(() => undefined));
    const report = await health.report();
    expect(report.checks.kafka).toMatchObject({ status: 'down', error: 'Error: no answer within 50 ms' });
  });
});
