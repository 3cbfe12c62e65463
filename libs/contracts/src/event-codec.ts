/**
 * Event data ⇄ protobuf bytes (ARCHITECTURE.md, "Between services: Kafka": the Kafka payload is
 * the event's protobuf). The key is the event type, which is the message name: a stable wire name.
 */
import {
  fromBinary,
  fromJson,
  ScalarType,
  toBinary,
  toJson,
  type DescFile,
  type DescMessage,
  type JsonObject,
  type JsonValue,
} from '@bufbuild/protobuf';
import { ContractViolationError, DuplicateEventTypeError, UnknownEventTypeError } from './errors';

export interface EncodedEvent {
  bytes: Uint8Array;
  /** Full name of the message, e.g. `serang.request.v1.ApplicationSubmitted`. */
  schema: string;
}

export interface EventCodec {
  /** Event data (its JSON object, lowerCamelCase keys) → protobuf bytes. A field not in the contract is an error. */
  encodeEvent(type: string, data: unknown): EncodedEvent;
  /** Protobuf bytes → event data with every field, zero values included. */
  decodeEvent(type: string, bytes: Uint8Array): Record<string, unknown>;
  hasContract(type: string): boolean;
  /** Every registered event type, sorted. */
  contractTypes(): string[];
}

const INT64_TYPES: ReadonlySet<ScalarType> = new Set([
  ScalarType.INT64,
  ScalarType.UINT64,
  ScalarType.SINT64,
  ScalarType.FIXED64,
  ScalarType.SFIXED64,
]);

/** Registers every top-level message of `files` under its name; throws on a name declared twice. */
export function createEventCodec(files: readonly DescFile[]): EventCodec {
  const schemas = new Map<string, DescMessage>();
  for (const file of files) {
    for (const message of file.messages) {
      const existing = schemas.get(message.name);
      if (existing) throw new DuplicateEventTypeError(message.name, [existing.typeName, message.typeName]);
      schemas.set(message.name, message);
    }
  }

  const schemaOf = (type: string): DescMessage => {
    const schema = schemas.get(type);
    if (!schema) throw new UnknownEventTypeError(type);
    return schema;
  };

  return {
    encodeEvent(type, data) {
      const schema = schemaOf(type);
      try {
        const message = fromJson(schema, data as JsonValue, { ignoreUnknownFields: false });
        return { bytes: toBinary(schema, message), schema: schema.typeName };
      } catch (error) {
        throw new ContractViolationError(type, errorMessage(error), { cause: error });
      }
    },
    decodeEvent(type, bytes) {
      const schema = schemaOf(type);
      let json: JsonValue;
      try {
        json = toJson(schema, fromBinary(schema, bytes), { alwaysEmitImplicit: true });
      } catch (error) {
        throw new ContractViolationError(type, errorMessage(error), { cause: error });
      }
      return int64AsNumbers(schema, json as JsonObject);
    },
    hasContract: (type) => schemas.has(type),
    contractTypes: () => [...schemas.keys()].sort(),
  };
}

/**
 * The proto3 JSON mapping writes 64-bit integers as strings; our event data carries them as
 * numbers (an aggregate version), so a decoded event would differ from the stored one. Turn them
 * back into numbers while they are safe integers; larger ones stay strings (a number would lose
 * digits). Map values are left as the JSON mapping gives them: no contract uses 64-bit map values.
 */
function int64AsNumbers(schema: DescMessage, json: JsonObject): JsonObject {
  for (const field of schema.fields) {
    const value = json[field.jsonName];
    if (value === undefined || value === null) continue;
    if (field.fieldKind === 'scalar' && INT64_TYPES.has(field.scalar)) {
      json[field.jsonName] = safeNumber(value);
    } else if (field.fieldKind === 'list' && field.listKind === 'scalar' && INT64_TYPES.has(field.scalar) && Array.isArray(value)) {
      json[field.jsonName] = value.map(safeNumber);
    } else if (field.fieldKind === 'message' && isPlainMessage(field.message) && isObject(value)) {
      int64AsNumbers(field.message, value);
    } else if (field.fieldKind === 'list' && field.listKind === 'message' && isPlainMessage(field.message) && Array.isArray(value)) {
      for (const item of value) if (isObject(item)) int64AsNumbers(field.message, item);
    }
  }
  return json;
}

function safeNumber(value: JsonValue): JsonValue {
  if (typeof value !== 'string') return value;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
}

/** Well-known types have their own JSON forms (a Timestamp is a string), which we leave alone. */
const isPlainMessage = (message: DescMessage): boolean => !message.typeName.startsWith('google.protobuf.');

const isObject = (value: JsonValue): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
