import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NOTIFICATION_KINDS, type NotificationKind } from '../domain/notification.kinds';

export const NotificationKindGql = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, k])) as { [K in NotificationKind]: K };
registerEnumType(NotificationKindGql, { name: 'NotificationKind', description: 'What a notification is about' });

@ObjectType({ description: "An in-app notification in the caller's inbox, worded in the caller's language" })
export class Notification {
  @Field(() => ID)
  id!: string;
  @Field(() => NotificationKindGql)
  kind!: NotificationKind;
  @Field({ description: "Short title in the caller's language (Accept-Language)" })
  title!: string;
  @Field({ description: "The message in the caller's language; dates in Asia/Jakarta" })
  message!: string;
  @Field(() => ID, { nullable: true, description: 'The application it is about, to open it' })
  applicationId?: string;
  @Field({ nullable: true, description: 'The tracking number of the application it is about' })
  trackingNumber?: string;
  @Field(() => ID, { nullable: true, description: 'The complaint it is about, to open it' })
  complaintId?: string;
  @Field({ description: "Deep link to the application in the citizen's app or on the agency's desk" })
  link!: string;
  @Field(() => Int, { description: 'The version of the template the message was worded with' })
  templateVersion!: number;
  @Field()
  createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When the caller first marked it read; null while unread' })
  readAt!: Date | null;
}

@ObjectType({ description: "A page of the caller's inbox, newest first" })
export class NotificationPage {
  @Field(() => [Notification])
  items!: Notification[];
  @Field(() => Int, { description: "The caller's unread notifications, in the whole inbox" })
  unreadCount!: number;
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next (older) page; null on the last page' })
  nextCursor!: string | null;
}
