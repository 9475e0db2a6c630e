export { createKafka, type KafkaLog } from './create-kafka.js';
export { BatchingProducer } from './batching-producer.js';
export { KeyPartitioner, murmur2 } from './key-partitioner.js';
export { alertMessages } from './alert-messages.js';
export { deadLetter, DLQ_HEADERS, type DeadLetterSource } from './dead-letter.js';
