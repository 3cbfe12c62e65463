/** The satisfaction index (IKM): what analytics.module.ts (and nothing else) imports of this feature. */
export { IkmFeature } from './ikm.module';
