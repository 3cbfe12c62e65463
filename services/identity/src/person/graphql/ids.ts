import { validate as isUuid } from 'uuid';
import { InvalidInput } from '../domain/identity.errors';

/** Ids are UUIDs: anything else is refused before it reaches a stream id or a query. */
export function assertUuid(value: string, field: string): void {
  if (!isUuid(value)) throw new InvalidInput({ [field]: 'IDENTITY.ID_INVALID' });
}
