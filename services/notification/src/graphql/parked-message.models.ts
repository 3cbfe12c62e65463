import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { NotificationKindGql } from './notification.models';
import type { NotificationKind } from '../domain/notification.kinds';

@ObjectType({ description: 'A message given up after every retry (technical-failure): ids and the last error, never an address' })
export class ParkedMessage {
  @Field(() => ID, { description: 'The idempotency key it is sent with' })
  id!: string;
  @Field({ description: 'email, sms or whatsapp' })
  channel!: string;
  @Field(() => NotificationKindGql)
  kind!: NotificationKind;
  @Field(() => ID, { description: 'The person it is for (their id only)' })
  recipientId!: string;
  @Field(() => Int)
  attempts!: number;
  @Field(() => String, { nullable: true, description: "The provider's last answer (a status code, a connection error)" })
  lastError!: string | null;
  @Field()
  createdAt!: Date;
  @Field({ description: 'When it was given up (or, once redriven, last changed)' })
  parkedAt!: Date;
}
