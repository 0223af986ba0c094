import { kafkaSecurityOptions, KafkaSecuritySettings } from './kafka-security';

const base: KafkaSecuritySettings = { KAFKA_TLS: false, KAFKA_TLS_REJECT_UNAUTHORIZED: true };
const files: Record<string, string> = { '/ca.pem': 'CA', '/cert.pem': 'CERT', '/key.pem': 'KEY' };
const read = (p: string) => files[p] ?? (() => { throw new Error(`ENOENT ${p}`); })();

describe('kafkaSecurityOptions', () => {
  it('is plaintext when nothing is set (the local stack)', () => {
    expect(kafkaSecurityOptions(base, read)).toEqual({});
  });

  it('turns on TLS with the system CAs, or with a private CA and a client certificate', () => {
    expect(kafkaSecurityOptions({ ...base, KAFKA_TLS: true }, read)).toEqual({ ssl: true });
    expect(kafkaSecurityOptions({ ...base, KAFKA_TLS: true, KAFKA_TLS_CA_FILE: '/ca.pem', KAFKA_TLS_CERT_FILE: '/cert.pem', KAFKA_TLS_KEY_FILE: '/key.pem' }, read))
      .toEqual({ ssl: { rejectUnauthorized: true, ca: ['CA'], cert: 'CERT', key: 'KEY' } });
  });

  it('adds SASL SCRAM or PLAIN credentials, and refuses a mechanism without them', () => {
    expect(kafkaSecurityOptions({ ...base, KAFKA_TLS: true, KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'export-service', KAFKA_SASL_PASSWORD: 's3cret' }, read))
      .toEqual({ ssl: true, sasl: { mechanism: 'scram-sha-512', username: 'export-service', password: 's3cret' } });
    expect(() => kafkaSecurityOptions({ ...base, KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'x' }, read)).toThrow(/KAFKA_SASL_PASSWORD/);
  });

  it('fails at boot on a certificate file that cannot be read', () => {
    expect(() => kafkaSecurityOptions({ ...base, KAFKA_TLS: true, KAFKA_TLS_CA_FILE: '/missing.pem' }, read)).toThrow(/ENOENT/);
  });
});
