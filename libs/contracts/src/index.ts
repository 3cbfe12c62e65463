export * from './errors';
export { createEventCodec, type EncodedEvent, type EventCodec } from './event-codec';
export { EVENT_FILES } from './event-files';
export { eventCodec, encodeEvent, decodeEvent, hasContract, contractTypes } from './event-codec.instance';
