import { Injectable, type PipeTransform } from '@nestjs/common';

/**
 * GraphQL lets a client send `null` for any nullable argument or input field (`services(filter:
 * null)`), which TypeScript resolvers typed `T | undefined` then dereference. No operation here
 * gives an explicit null a meaning of its own, so every null a client sends arrives as "absent".
 */
@Injectable()
export class NullAsAbsentPipe implements PipeTransform {
  transform(value: unknown): unknown {
    return absentNulls(value);
  }
}

function absentNulls(value: unknown): unknown {
  if (value === null) return undefined;
  if (Array.isArray(value)) return value.map((v) => (v !== null && typeof v === 'object' ? absentNulls(v) : v));
  const proto = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (proto === Object.prototype || proto === null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== null) out[k] = absentNulls(v);
    return out;
  }
  return value;
}
