export { createTracker, type Tracker, type TrackerOptions } from './tracker.js';
export { ConsumerSupervisor, type ConsumerSupervisorOptions } from './consumer-supervisor.js';
export { startTracker, type TrackerContext } from './start-tracker.js';
export { acceptMessage, type MessageVerdict } from './accept-message.js';
