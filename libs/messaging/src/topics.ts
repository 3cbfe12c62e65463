import type { Kafka } from 'kafkajs';

/**
 * Creates the topic if it is missing and waits until the broker serves it. Idempotent and safe
 * when several processes race to create the same topic: whatever one of them sees (already
 * exists, not yet propagated), it looks again until the topic answers, for up to ~10 s.
 */
export async function ensureTopic(kafka: Kafka, topic: string, partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        if (!(await admin.listTopics()).includes(topic))
          await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
        await admin.fetchTopicMetadata({ topics: [topic] });
        return;
      } catch (e) {
        if (attempt >= 40) throw e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  } finally {
    await admin.disconnect();
  }
}
