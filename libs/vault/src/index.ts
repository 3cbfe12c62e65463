export * from './master-keys';
export * from './errors';
export { Vault, type VaultOptions } from './vault';
