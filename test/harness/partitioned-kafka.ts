import { findBinary } from './find-binary.js';
import { spawnOwned } from './spawn-owned.js';
import { stopProcess } from './stop-process.js';
import { withTimeout } from './with-timeout.js';

/*
 * librdkafka's mock cluster, hosted by a few lines of Python (ctypes) instead of kcat, so
 * topics can be made with a partition count of their own before anyone uses them: kcat
 * offers no way to, the mock answers no CreateTopics request, and it auto-creates every
 * other topic with 4 partitions. The library is the one kcat runs (Debian's librdkafka1,
 * a dependency of kcat). The host makes the cluster, creates the topics, prints the
 * bootstrap list and then serves until its stdin closes.
 */
const HOST = `
import ctypes, sys
lib = ctypes.CDLL('librdkafka.so.1')
lib.rd_kafka_conf_new.restype = ctypes.c_void_p
lib.rd_kafka_conf_set.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t]
lib.rd_kafka_new.restype = ctypes.c_void_p
lib.rd_kafka_new.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t]
lib.rd_kafka_handle_mock_cluster.restype = ctypes.c_void_p
lib.rd_kafka_handle_mock_cluster.argtypes = [ctypes.c_void_p]
lib.rd_kafka_mock_cluster_bootstraps.restype = ctypes.c_char_p
lib.rd_kafka_mock_cluster_bootstraps.argtypes = [ctypes.c_void_p]
lib.rd_kafka_mock_topic_create.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int]
err = ctypes.create_string_buffer(512)
conf = lib.rd_kafka_conf_new()
if lib.rd_kafka_conf_set(conf, b'test.mock.num.brokers', sys.argv[1].encode(), err, 512) != 0:
    sys.exit('test.mock.num.brokers: ' + err.value.decode())
rk = lib.rd_kafka_new(0, conf, err, 512)
if not rk:
    sys.exit('rd_kafka_new: ' + err.value.decode())
cluster = lib.rd_kafka_handle_mock_cluster(rk)
brokers = int(sys.argv[1])
for spec in sys.argv[2:]:
    name, partitions = spec.rsplit(':', 1)
    code = lib.rd_kafka_mock_topic_create(cluster, name.encode(), int(partitions), brokers)
    if code != 0:
        sys.exit('creating ' + name + ': error ' + str(code))
print('bootstrap.servers=' + lib.rd_kafka_mock_cluster_bootstraps(cluster).decode(), flush=True)
sys.stdin.read()
`;

/** A running mock Kafka cluster whose topics were made up front. */
export interface PartitionedKafka {
  readonly brokers: string[];
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Starts a mock cluster of `brokers` brokers with `topics` (name → partitions) created,
 * each replicated on every broker; other topics are auto-created with 4 partitions.
 *
 * @throws MissingBinaryError if `python3` is not installed
 */
export async function startPartitionedKafka(
  brokers: 1 | 3,
  topics: Readonly<Record<string, number>>,
): Promise<PartitionedKafka> {
  const python = findBinary('python3', ['python3']);
  const specs = Object.entries(topics).map(([name, partitions]) => `${name}:${partitions}`);
  const child = spawnOwned(python, ['-c', HOST, String(brokers), ...specs], {
    env: process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin?.on('error', () => undefined);
  let output = '';
  let onOutput = () => undefined as void;
  // Kept draining for the host's whole life, so a full pipe never blocks it.
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_192);
    onOutput();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = async (): Promise<void> => {
    // EOF on stdin is the host's clean exit, as with kcat.
    child.stdin?.end();
    await stopProcess(child, { graceMs: 2_000 });
  };
  try {
    const addresses = await withTimeout(
      new Promise<string[]>((resolve, reject) => {
        onOutput = () => {
          const match = /bootstrap\.servers=(\S+)/.exec(output);
          if (match?.[1] !== undefined) resolve(match[1].split(','));
        };
        child.once('exit', (code) =>
          reject(new Error(`the mock Kafka host exited (${code}):\n${output}`)),
        );
      }),
      10_000,
      'the mock Kafka host to print its bootstrap servers',
    );
    return { brokers: addresses, pid: child.pid ?? -1, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
