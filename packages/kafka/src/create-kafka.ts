import { Kafka, logLevel, type LogEntry } from 'kafkajs';

export interface KafkaLog {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

/** A kafkajs client whose log lines go to the service's logger. */
export function createKafka(brokers: readonly string[], clientId: string, log?: KafkaLog): Kafka {
  return new Kafka({
    clientId,
    brokers: [...brokers],
    logLevel: log ? logLevel.WARN : logLevel.NOTHING,
    logCreator: () => (entry: LogEntry) => {
      if (!log) return;
      const { message, ...rest } = entry.log;
      const line = { kafka: entry.namespace, ...rest };
      if (entry.level <= logLevel.ERROR) log.error(line, message);
      else if (entry.level === logLevel.WARN) log.warn(line, message);
      else if (entry.level === logLevel.INFO) log.info(line, message);
      else log.debug(line, message);
    },
  });
}
