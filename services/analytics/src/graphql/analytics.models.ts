import { Directive, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@InputType({ description: 'Whole days in Asia/Jakarta, both ends inclusive; an end left out is open' })
export class PeriodInput {
  @Field(() => String, { nullable: true, description: 'First day, ISO date (YYYY-MM-DD)' })
  from?: string | null;
  @Field(() => String, { nullable: true, description: 'Last day, ISO date (YYYY-MM-DD)' })
  to?: string | null;
}

@ObjectType({ description: 'Submissions of one service in the period' })
export class ServiceCount {
  @Field(() => ID)
  serviceId!: string;
  @Field(() => Int)
  submitted!: number;
}

/**
 * Catalogue's agency entity, extended here with its performance: analytics knows only the key;
 * the gateway takes the rest (name, code) from catalogue.
 */
@ObjectType('Agency')
@Directive('@key(fields: "id")')
export class Agency {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: "An agency's figures in a period (backlog, processing time, SLA and IKM will join them)" })
export class AgencyPerformance {
  @Field(() => ID)
  agencyId!: string;
  @Field(() => Int, { description: 'Applications submitted in the period' })
  submitted!: number;
  @Field(() => [ServiceCount], { description: 'Per service, by service id' })
  byService!: ServiceCount[];
}
