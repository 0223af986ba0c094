/**
 * Kafka topics. Commands go to the topic of the service that executes them; events go to the
 * topic of the service that emits them. Every consumed topic has a dead-letter twin
 * (`<topic>.dlq`) where messages that cannot be processed are parked with the reason.
 */
export const Topics = {
  ExportCommands: 'housef3.export.commands',
  ExportEvents: 'housef3.export.events',
  ImportCommands: 'housef3.import.commands',
  ImportEvents: 'housef3.import.events',
  FileCommands: 'housef3.file.commands',
  FileEvents: 'housef3.file.events',
  SystemCommands: 'housef3.system.commands',
  SystemEvents: 'housef3.system.events',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly TopicName[] = Object.values(Topics);

export const DEAD_LETTER_SUFFIX = '.dlq';

export function deadLetterTopicOf(topic: TopicName): string {
  return `${topic}${DEAD_LETTER_SUFFIX}`;
}

/** Every topic the system needs, dead-letter topics included (the stack creates them all). */
export function allTopicsWithDeadLetters(): string[] {
  return ALL_TOPICS.flatMap((t) => [t, deadLetterTopicOf(t)]);
}
