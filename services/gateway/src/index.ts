export { buildGateway, type GatewayOptions } from './gateway.js';
export type { GatewayDeps, ReadinessCheck } from './gateway-deps.js';
export { TokenStore, type ConfiguredToken } from './auth/token-store.js';
export { SCOPES, type Scope, type Principal } from './auth/principal.js';
