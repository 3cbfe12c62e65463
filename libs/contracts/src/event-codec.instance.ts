import { createEventCodec, type EventCodec } from './event-codec';
import { EVENT_FILES } from './event-files';

/** The codec for every event in proto/; built when this module loads, so a duplicate name fails at start-up. */
export const eventCodec: EventCodec = createEventCodec(EVENT_FILES);

export const { encodeEvent, decodeEvent, hasContract, contractTypes } = eventCodec;
