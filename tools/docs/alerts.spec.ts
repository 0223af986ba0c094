import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { createJobMetrics, createMessagingMetrics, createSecurityMetrics, MetricsService } from '@housef3/platform';

/** The alert rules only use metrics the services really expose (and are well-formed rules). */
describe('ops/prometheus/alerts.yml', () => {
  const doc = parse(readFileSync(resolve(__dirname, '../../ops/prometheus/alerts.yml'), 'utf8'));
  const rules: Array<{ alert: string; expr: string; labels: { severity: string }; annotations: { summary: string } }> = doc.groups.flatMap((g: { rules: unknown[] }) => g.rules);

  it('has well-formed rules with a severity and a summary', () => {
    expect(rules.length).toBeGreaterThan(5);
    for (const r of rules) {
      expect(r.alert).toMatch(/^HouseF3[A-Za-z]+$/);
      expect(['page', 'ticket']).toContain(r.labels.severity);
      expect(r.annotations.summary.length).toBeGreaterThan(10);
    }
  });

  it('references only metrics the services register', async () => {
    const metrics = new MetricsService('test');
    createJobMetrics(metrics);
    createMessagingMetrics(metrics);
    createSecurityMetrics(metrics);
    const exposed = new Set((await metrics.registry.getMetricsAsJSON()).map((m) => m.name));
    for (const r of rules) {
      for (const name of r.expr.match(/housef3_[a-z_]+/g) ?? []) {
        expect({ alert: r.alert, metric: name, exposed: exposed.has(name.replace(/_(bucket|sum|count)$/, '')) }).toEqual({ alert: r.alert, metric: name, exposed: true });
      }
    }
  });
});
