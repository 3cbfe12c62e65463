export * from './definition.types';
export { InvalidDefinitionError } from './definition.problems';
export { CODE as CODE_PATTERN, SERVICE_CODE as SERVICE_CODE_PATTERN } from './field-checks';
export { validateDefinition, parseDefinition, validateServiceNames, MAX_DEFINITION_CHARS, type DefinitionValidation } from './validate-definition';
export { compileForm, formDialectOf, type FormDialect } from './form-schema';
export { startState, stateOf, actionOf, actionsFrom, citizenActionFrom, isCancellable } from './workflow';
export { definitionMessages } from './definition.messages';
