/** Injection tokens of what the platform provides to every service. */
export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
export const PG_POOL = Symbol('PG_POOL');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const LOGGER = Symbol('LOGGER');
export const SERVICE_NAME = Symbol('SERVICE_NAME');
