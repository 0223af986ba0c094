import { readFileSync } from 'node:fs';
import type { KafkaConfig, SASLOptions } from 'kafkajs';

/** The Kafka connection's security, as the service config states it (docs/operations.md, "Kafka security"). */
export interface KafkaSecuritySettings {
  KAFKA_TLS: boolean;
  KAFKA_TLS_CA_FILE?: string;
  KAFKA_TLS_CERT_FILE?: string;
  KAFKA_TLS_KEY_FILE?: string;
  KAFKA_TLS_REJECT_UNAUTHORIZED: boolean;
  KAFKA_SASL_MECHANISM?: 'plain' | 'scram-sha-256' | 'scram-sha-512';
  KAFKA_SASL_USERNAME?: string;
  KAFKA_SASL_PASSWORD?: string;
}

/**
 * kafkajs's `ssl` and `sasl` options from the settings: TLS with an optional private CA and
 * client certificate (mutual TLS), SASL PLAIN or SCRAM. Nothing set: plaintext, as on the
 * local stack. Files are read once, here; a missing file stops the service at boot.
 */
export function kafkaSecurityOptions(s: KafkaSecuritySettings, read: (path: string) => string = (p) => readFileSync(p, 'utf8')): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const out: Pick<KafkaConfig, 'ssl' | 'sasl'> = {};
  if (s.KAFKA_TLS) {
    const custom = s.KAFKA_TLS_CA_FILE || s.KAFKA_TLS_CERT_FILE || s.KAFKA_TLS_KEY_FILE || !s.KAFKA_TLS_REJECT_UNAUTHORIZED;
    out.ssl = custom
      ? {
        rejectUnauthorized: s.KAFKA_TLS_REJECT_UNAUTHORIZED,
        ...(s.KAFKA_TLS_CA_FILE && { ca: [read(s.KAFKA_TLS_CA_FILE)] }),
        ...(s.KAFKA_TLS_CERT_FILE && { cert: read(s.KAFKA_TLS_CERT_FILE) }),
        ...(s.KAFKA_TLS_KEY_FILE && { key: read(s.KAFKA_TLS_KEY_FILE) }),
      }
      : true;
  }
  if (s.KAFKA_SASL_MECHANISM) {
    if (!s.KAFKA_SASL_USERNAME || !s.KAFKA_SASL_PASSWORD) throw new Error('KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD');
    out.sasl = { mechanism: s.KAFKA_SASL_MECHANISM, username: s.KAFKA_SASL_USERNAME, password: s.KAFKA_SASL_PASSWORD } as SASLOptions;
  }
  return out;
}
