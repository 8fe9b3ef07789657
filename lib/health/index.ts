/**
 * `nestjs-weerpc/terminus`: readiness for `@nestjs/terminus`. A subpath of its own, so that
 * `@nestjs/terminus` stays an optional peer dependency.
 */
export { WeeRpcHealthIndicator } from './weerpc-health.indicator.js';
