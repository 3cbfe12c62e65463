import { Args, Query, Resolver } from '@nestjs/graphql';
import { TrackingNumberInvalid, TrackingNumberNotFound } from '../domain/request.errors';
import { parseTrackingNumber } from '../domain/tracking-number';
import { ApplicationQueries } from '../infra/application.queries';
import { TrackingResult } from './application.models';

/** Public tracking by number ("like tracking a pizza"): status and step times, nothing personal. */
@Resolver(() => TrackingResult)
export class TrackingResolver {
  constructor(private readonly queries: ApplicationQueries) {}

  @Query(() => TrackingResult, { description: 'Anyone with the tracking number: status and timeline times only' })
  async trackApplication(@Args('trackingNumber') trackingNumber: string): Promise<TrackingResult> {
    // A typo is caught by the check symbol and said so, rather than "not found".
    const parsed = parseTrackingNumber(trackingNumber);
    if (!parsed) throw new TrackingNumberInvalid();
    const found = await this.queries.byTrackingNumber(parsed);
    if (!found) throw new TrackingNumberNotFound(parsed);
    return found;
  }
}
