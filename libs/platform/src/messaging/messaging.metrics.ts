import { Counter } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';

export interface MessagingMetrics {
  consumed: Counter<'topic' | 'type' | 'outcome'>;
  published: Counter<'topic' | 'type'>;
  consumerErrors: Counter<'topic' | 'reason'>;
}

export function createMessagingMetrics(metrics: MetricsService): MessagingMetrics {
  return {
    consumed: metrics.counter('housef3_kafka_messages_consumed_total', 'Kafka messages consumed, by outcome (handled, ignored, dead_lettered).', ['topic', 'type', 'outcome']),
    published: metrics.counter('housef3_kafka_messages_published_total', 'Kafka messages published.', ['topic', 'type']),
    consumerErrors: metrics.counter('housef3_kafka_consumer_errors_total', 'Kafka messages a consumer could not process (sent to the dead-letter topic), by reason.', ['topic', 'reason']),
  };
}
