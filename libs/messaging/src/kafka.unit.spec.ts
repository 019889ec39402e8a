/**
 * The relay's partitioner: by Jobcenter, with Java's murmur2. Every key of a Jobcenter lands on
 * the partition that Java's default partitioner (kafkajs's `DefaultPartitioner`, which the
 * kafkajs project checks against the Java client) picks for the bare tenant, and the Jobcenters
 * spread over the partitions.
 */
import fc from 'fast-check';
import kafkajs, { type PartitionerArgs } from 'kafkajs';
import { messageKey } from './event-message.js';
import { partitionOfTenant, tenantOfKey, tenantPartitioner } from './kafka.js';

const { Partitioners } = kafkajs;

const tenant = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,62}$/);
const streamId = fc.oneof(
  fc.uuid().map((id) => `case-${id}`),
  fc.integer({ min: 2000, max: 2100 }).map((year) => `programme-${year}`),
);

function args(key: string | Buffer, partitions: number): PartitionerArgs {
  return {
    topic: 'teilhabe.events.v1',
    partitionMetadata: Array.from({ length: partitions }, (_, partitionId) => ({
      partitionErrorCode: 0,
      partitionId,
      leader: 0,
      replicas: [0],
      isr: [0],
    })),
    message: { key, value: '{}' },
  };
}

it('puts every key of a Jobcenter where Java puts the Jobcenter itself', () => {
  const java = Partitioners.DefaultPartitioner();
  const ours = tenantPartitioner();
  fc.assert(
    fc.property(tenant, streamId, fc.integer({ min: 1, max: 200 }), (t, s, partitions) => {
      const expected = java(args(t, partitions));
      expect(ours(args(messageKey(t, s), partitions))).toBe(expected);
      expect(ours(args(Buffer.from(messageKey(t, s)), partitions))).toBe(expected);
      expect(partitionOfTenant(t, partitions)).toBe(expected);
      expect(tenantOfKey(messageKey(t, s))).toBe(t);
    }),
  );
});

it('spreads the Jobcenters over the partitions', () => {
  // 404 Jobcenters (as many as in Germany) over 12 partitions: none empty, none far above average.
  const counts = new Array<number>(12).fill(0);
  for (let i = 1; i <= 404; i++) counts[partitionOfTenant(`jc-${i}`, 12)]! += 1;
  expect(Math.min(...counts)).toBeGreaterThan(15);
  expect(Math.max(...counts)).toBeLessThan(55);
});
