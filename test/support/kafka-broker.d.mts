// Types for kafka-broker.mjs (plain ESM so that it also runs outside jest's transform).
export interface KafkaBroker {
  /** host:port pairs for kafkajs' `brokers`. */
  readonly brokers: string[];
  /** Where the broker came from: 'environment' (KAFKA_BROKERS), 'testcontainers' or 'local'. */
  readonly source: 'environment' | 'testcontainers' | 'local';
}

export function kafkaVersion(): string;
export function kafkaAnswers(brokers: string[], timeoutMs?: number): Promise<boolean>;
export function findKafka(log?: (line: string) => void): Promise<KafkaBroker>;
export function stopLocalKafka(log?: (line: string) => void): Promise<void>;
export function startLocalKafka(log?: (line: string) => void): Promise<void>;
