import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: "A subscription of one of the agency's systems to application events (Standard Webhooks)" })
export class WebhookSubscription {
  @Field(() => ID)
  id!: string;
  @Field(() => ID, { description: 'The agency system (identity) the messages are for' })
  systemId!: string;
  @Field()
  url!: string;
  @Field(() => [String], { description: 'Subscribed event types (ApplicationSubmitted, ApplicationTransitioned, …)' })
  eventTypes!: string[];
  @Field({ description: 'ACTIVE or DISABLED' })
  status!: string;
  @Field(() => String, { nullable: true, description: 'BY_ADMIN, or FAILING (the receiver failed for a day)' })
  disabledReason!: string | null;
  @Field(() => Int, { description: 'Version of the signing secret now in use' })
  secretVersion!: number;
}

@ObjectType({ description: 'A subscription and its signing secret (whsec_…), shown only in this answer' })
export class WebhookSubscriptionWithSecret {
  @Field(() => WebhookSubscription)
  subscription!: WebhookSubscription;
  @Field({ description: 'Standard Webhooks secret: keep it now, it is never shown again' })
  secret!: string;
}

@InputType()
export class CreateWebhookSubscriptionInput {
  @Field(() => ID, { description: "One of the caller's agency's active systems" })
  systemId!: string;
  @Field({ description: 'https URL the platform POSTs to (no private or loopback addresses)' })
  url!: string;
  @Field(() => [String])
  eventTypes!: string[];
}

@ObjectType({ description: 'One message to a subscription and how its sending went' })
export class WebhookDelivery {
  @Field({ description: 'The webhook-id header: the same on every retry' })
  id!: string;
  @Field(() => ID)
  applicationId!: string;
  @Field()
  eventType!: string;
  @Field()
  occurredAt!: Date;
  @Field(() => String, { nullable: true, description: 'The webhook-id of the message this replays' })
  replayOf!: string | null;
  @Field({ description: 'pending or delivered' })
  status!: string;
  @Field(() => Int)
  attempts!: number;
  @Field(() => Date, { nullable: true })
  lastAttemptAt!: Date | null;
  @Field(() => Int, { nullable: true, description: "The receiver's last HTTP status" })
  lastResponseStatus!: number | null;
  @Field(() => String, { nullable: true })
  lastError!: string | null;
  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;
  @Field({ description: 'Pass as `before` for the next (older) page' })
  cursor!: string;
}
