/** The Kafka projection's offsets and stream versions, placed into its read model's schema. */
import { loadMigrations } from '#event-store';

export const KAFKA_OFFSETS_MIGRATIONS = loadMigrations(
  new URL('./kafka-offsets/', import.meta.url),
);
