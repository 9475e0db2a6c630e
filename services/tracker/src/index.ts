export { createTracker, type Tracker, type TrackerOptions } from './tracker.js';
