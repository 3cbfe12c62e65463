import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum NotificationKindGql {
  APPLICATION_SUBMITTED = 'APPLICATION_SUBMITTED',
}
registerEnumType(NotificationKindGql, { name: 'NotificationKind', description: 'What a notification is about' });

@ObjectType({ description: "An in-app notification in the caller's inbox, worded in the caller's language" })
export class Notification {
  @Field(() => ID)
  id!: string;
  @Field(() => NotificationKindGql)
  kind!: NotificationKindGql;
  @Field({ description: "Short title in the caller's language (Accept-Language)" })
  title!: string;
  @Field({ description: "The message in the caller's language; dates in Asia/Jakarta" })
  message!: string;
  @Field(() => ID, { nullable: true, description: 'The application it is about, to open it' })
  applicationId?: string;
  @Field()
  createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When the caller first marked it read; null while unread' })
  readAt!: Date | null;
}
