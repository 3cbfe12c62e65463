import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

/** The parts of a service definition as clients see them, named in the caller's language where they have names. */

export enum WorkflowOutcome {
  COMPLETED = 'COMPLETED',
  REJECTED = 'REJECTED',
}
registerEnumType(WorkflowOutcome, { name: 'WorkflowOutcome', description: 'How a terminal state ends an application' });

export enum ActionRole {
  OFFICER = 'OFFICER',
  AGENCY_ADMIN = 'AGENCY_ADMIN',
  AGENCY_SYSTEM = 'AGENCY_SYSTEM',
  CITIZEN = 'CITIZEN',
}
registerEnumType(ActionRole, { name: 'ActionRole', description: 'Who may take a workflow action' });

@ObjectType({ description: 'What the service costs; amount in whole rupiah, 0 when free' })
export class Fee {
  @Field(() => Int)
  amount!: number;
  @Field()
  currency!: string;
  @Field()
  free!: boolean;
}

@ObjectType({ description: 'A document the applicant uploads' })
export class RequiredDocument {
  @Field()
  code!: string;
  @Field({ description: "Name in the caller's language" })
  name!: string;
  @Field()
  nameId!: string;
  @Field()
  nameEn!: string;
  @Field({ description: 'false: an optional upload' })
  required!: boolean;
  @Field(() => [String], { description: 'application/pdf, image/jpeg, image/png' })
  mediaTypes!: string[];
  @Field(() => Int)
  maxBytes!: number;
}

@ObjectType('WorkflowState', { description: 'A state of the workflow an application goes through' })
export class WorkflowStateView {
  @Field()
  code!: string;
  @Field({ description: "Name in the caller's language" })
  name!: string;
  @Field()
  nameId!: string;
  @Field()
  nameEn!: string;
  @Field({ description: 'Every application starts here' })
  start!: boolean;
  @Field({ description: 'No action leaves it' })
  terminal!: boolean;
  @Field(() => WorkflowOutcome, { nullable: true, description: 'How a terminal state ends the application' })
  outcome!: WorkflowOutcome | null;
  @Field({ description: 'The application waits on the citizen (a revision); the SLA clock stops' })
  needsCitizen!: boolean;
  @Field(() => Int, { nullable: true, description: 'The promise for this step, in working days' })
  slaWorkingDays!: number | null;
  @Field({ description: 'Whether the applicant may cancel here' })
  cancellable!: boolean;
}

@ObjectType('WorkflowAction', { description: 'A step officers, agency systems or the citizen take from one state to another' })
export class WorkflowActionView {
  @Field()
  code!: string;
  @Field({ description: "Name in the caller's language" })
  name!: string;
  @Field()
  nameId!: string;
  @Field()
  nameEn!: string;
  @Field(() => [String])
  from!: string[];
  @Field()
  to!: string;
  @Field(() => [ActionRole])
  roles!: ActionRole[];
  @Field({ description: 'A note (the reason) is required' })
  requiresNote!: boolean;
  @Field({ description: "The reference of the service's output (e.g. the issued card's number) is required" })
  requiresOutputReference!: boolean;
}

@ObjectType('Workflow', { description: 'The states an application goes through and the actions between them' })
export class WorkflowView {
  @Field(() => [WorkflowStateView])
  states!: WorkflowStateView[];
  @Field(() => [WorkflowActionView])
  actions!: WorkflowActionView[];
}
