export { createTracker, type Tracker, type TrackerOptions } from './tracker.js';
export { ConsumerSupervisor, type ConsumerSupervisorOptions } from './consumer-supervisor.js';
export { acceptMessage, type MessageLimits, type MessageVerdict } from './accept-message.js';
export { startTracker, type TrackerContext } from './start-tracker.js';
