/** A string that is known to be an id of one kind (parsed once at the edge, trusted after). */
export type Branded<Brand extends string> = string & { readonly __brand: Brand };

/**
 * The id kind of an aggregate: its brand, the pattern a raw value must match, and the error a
 * value that is no such id is (typically NOT_FOUND: a malformed id names nothing).
 */
export function idKind<Brand extends string>(pattern: RegExp, notAnId: (raw: string) => Error) {
  return {
    /** Parses a raw value from the edge (GraphQL argument, HTTP path): the id, or `notAnId`. */
    from(raw: string): Branded<Brand> {
      if (!pattern.test(raw)) throw notAnId(raw);
      return raw as Branded<Brand>;
    },
    is(raw: string): raw is Branded<Brand> {
      return pattern.test(raw);
    },
  };
}
