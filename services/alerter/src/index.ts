export { createAlerter, type Alerter, type AlerterOptions } from './alerter.js';
