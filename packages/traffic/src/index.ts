/**
 * @slawatch/traffic: a seeded, deterministic model of a support floor (teams, agents with
 * limited capacity, a daily arrival curve, ticket lifecycles, delivery faults) that emits
 * contract-valid ticket events in simulated time. `slawatch simulate-traffic` drives it
 * against Kafka; `demo-policies.yaml` beside this package is the policy document it is
 * tuned for.
 */
export {
  SupportFloor,
  DEFAULT_RATE,
  defaultBacklog,
  type SupportFloorOptions,
  type FloorStats,
  type AgentView,
} from './support-floor.js';
export { DEFAULT_FAULTS, type Delivery, type DeliveryFaults } from './delivery.js';
export { TEAM_IDS, TIERS, type TeamId, type Tier } from './floor-profile.js';
export { arrivalFactor } from './daily-curve.js';
