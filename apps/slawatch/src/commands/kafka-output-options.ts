import { Option, type Command } from 'commander';

const TOPIC = /^[A-Za-z0-9._-]{1,249}$/;
const BROKER = /^[^\s:]+:\d{1,5}$/;

/**
 * `--brokers` (or SLAWATCH_KAFKA_BROKERS) and `--topic` (or SLAWATCH_TOPIC, default
 * `tickets.events`): where a command that publishes events publishes them.
 */
export function addKafkaOutputOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--brokers <list>', 'Kafka bootstrap brokers, comma-separated host:port').env(
        'SLAWATCH_KAFKA_BROKERS',
      ),
    )
    .addOption(
      new Option('--topic <name>', 'topic to publish to')
        .env('SLAWATCH_TOPIC')
        .default('tickets.events'),
    );
}

/**
 * The broker list of `--brokers`, with a problem for each address that is not host:port
 * and for a bad `--topic`; `required` names what else could have been given instead when
 * the list is empty (null: it may be).
 */
export function readKafkaOutput(
  raw: { readonly brokers?: string; readonly topic: string },
  required: string | null,
  problems: string[],
): string[] {
  if (!TOPIC.test(raw.topic))
    problems.push(
      `--topic: must be a Kafka topic name (letters, digits, ".", "_", "-"), got "${raw.topic}"`,
    );
  const brokers = (raw.brokers ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  if (required !== null && brokers.length === 0)
    problems.push(
      `--brokers: is required (or SLAWATCH_KAFKA_BROKERS), unless ${required} is given`,
    );
  for (const broker of brokers)
    if (!BROKER.test(broker)) problems.push(`--brokers: "${broker}" is not host:port`);
  return brokers;
}
