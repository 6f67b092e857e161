import { describe, expect, it } from 'vitest';
import { metricOptions } from './metric-options.ts';

describe('metricOptions', () => {
  it("gives prom-client a table metric's name, help and labels", () => {
    expect(metricOptions('predict_requests_total')).toMatchObject({ name: 'predict_requests_total', labelNames: ['model', 'version'] });
  });

  it('refuses a metric the table does not declare', () => {
    expect(() => metricOptions('made_up_total')).toThrow(/made_up_total is not in @millwright\/observability's metric table/);
  });
});
