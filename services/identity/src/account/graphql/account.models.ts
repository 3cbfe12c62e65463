import { Field, InputType } from '@nestjs/graphql';

@InputType()
export class RegisterCitizenInput {
  @Field({ description: 'NIK: the 16 digits on the KTP' })
  nik!: string;
  @Field({ description: 'Full name as on the KTP' })
  name!: string;
  @Field()
  email!: string;
  @Field({ description: 'Indonesian phone number, e.g. 0812…, 62812… or +62812…' })
  phone!: string;
  @Field({ description: 'At least 10 characters, with letters and digits' })
  password!: string;
}

@InputType()
export class ChangePasswordInput {
  @Field()
  currentPassword!: string;
  @Field({ description: 'At least 10 characters, with letters and digits' })
  newPassword!: string;
}

@InputType({ description: 'Only the fields given change; the NIK never does' })
export class UpdateProfileInput {
  @Field({ nullable: true })
  name?: string;
  @Field({ nullable: true, description: 'Must not belong to another account' })
  email?: string;
  @Field({ nullable: true })
  phone?: string;
  @Field({ nullable: true, description: 'Street address, village (desa/kelurahan), district (kecamatan)' })
  address?: string;
  @Field({ nullable: true, description: 'YYYY-MM-DD' })
  birthDate?: string;
}

@InputType()
export class EraseMyDataInput {
  @Field({ description: 'The current password, to confirm' })
  password!: string;
}
