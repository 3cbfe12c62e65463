import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'One element (unsur) of the survey and its average score (NRR)' })
export class IkmElement {
  @Field()
  code!: string;
  @Field({ description: "Its name in the caller's language" })
  name!: string;
  @Field(() => Float, { nullable: true, description: 'Sum of scores / respondents, exact (1–4); null without answers' })
  nrr!: number | null;
}

@ObjectType({ description: 'The satisfaction index (IKM, PermenPAN-RB 14/2017) of an agency or a service in a period' })
export class Ikm {
  @Field(() => Int)
  respondents!: number;
  @Field(() => Int, { description: 'Applications that ended completed or rejected in the period (at least the respondents)' })
  population!: number;
  @Field(() => Int, { description: 'Minimum respondents for that population (Krejcie–Morgan)' })
  minimumSample!: number;
  @Field({ description: 'False: too few respondents; the score is shown but not graded' })
  sufficientSample!: boolean;
  @Field(() => Float, { nullable: true, description: 'Σ NRR × 1/9 (1–4)' })
  index!: number | null;
  @Field(() => Float, { nullable: true, description: 'index × 25, rounded to two decimals (25–100)' })
  score!: number | null;
  @Field(() => String, { nullable: true, description: 'A, B, C or D; null when the sample is insufficient or nobody answered' })
  grade!: string | null;
  @Field(() => String, { nullable: true, description: "The grade's name (Sangat Baik, Baik, Kurang Baik, Tidak Baik) in the caller's language" })
  gradeLabel!: string | null;
  @Field(() => [IkmElement])
  elements!: IkmElement[];
}

@ObjectType()
export class ServiceIkm {
  @Field(() => ID)
  serviceId!: string;
  @Field(() => Ikm)
  ikm!: Ikm;
}

@ObjectType({ description: "An agency's IKM in the period, and each of its services'" })
export class AgencyIkm extends Ikm {
  @Field(() => [ServiceIkm])
  byService!: ServiceIkm[];
}
