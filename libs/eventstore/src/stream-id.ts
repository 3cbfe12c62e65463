import { InvalidStreamIdError } from './errors';

const STREAM_ID = /^[A-Za-z][A-Za-z0-9_]*-[A-Za-z0-9_.:-]{1,200}$/;

/** Throws unless the stream id is `<category>-<id>`; returns the category. */
export function categoryOf(streamId: string): string {
  if (!STREAM_ID.test(streamId)) throw new InvalidStreamIdError(streamId);
  return streamId.slice(0, streamId.indexOf('-'));
}
