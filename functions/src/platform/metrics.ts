import { Metrics as PowertoolsMetrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * The counts operators alarm on (docs/operations.md, "Metrics"): CloudWatch embedded metric format
 * through Lambda Powertools, namespace `Lockline`, one dimension `Stage`. Never given anything a
 * person typed: a metric is a name and a number.
 */
export type MetricName = 'RefusedSubmissions' | 'DeadEmails' | 'EmailsSent' | 'EmailsFailed';

export interface Metrics {
  count(name: MetricName, value?: number): void;
  /** Writes what was counted (end of a request or of a sweep). */
  flush(): void;
}

/** On AWS: embedded metric format lines in the function's log, which CloudWatch turns into metrics. */
export function cloudWatchMetrics(stage: string): Metrics {
  const metrics = new PowertoolsMetrics({ namespace: 'Lockline', serviceName: 'lockline', defaultDimensions: { Stage: stage } });
  let pending = false;
  return {
    count(name, value = 1) {
      metrics.addMetric(name, MetricUnit.Count, value);
      pending = true;
    },
    flush() {
      if (!pending) return;
      pending = false;
      metrics.publishStoredMetrics();
    },
  };
}

/** Locally and in tests: counted in memory, so a test can read them; nothing is printed. */
export function memoryMetrics(): Metrics & { counts: Partial<Record<MetricName, number>> } {
  const counts: Partial<Record<MetricName, number>> = {};
  return {
    counts,
    count(name, value = 1) {
      counts[name] = (counts[name] ?? 0) + value;
    },
    flush() {},
  };
}
