import fc from 'fast-check';

/** The part of a JSON schema (as @fastify/swagger writes it) the fuzzer reads. */
export interface Schema {
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly properties?: Record<string, Schema>;
  readonly required?: readonly string[];
  readonly items?: Schema;
  readonly anyOf?: readonly Schema[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly maxLength?: number;
}

interface Parameter {
  readonly in: 'path' | 'query' | 'header';
  readonly name: string;
  readonly schema?: Schema;
}

interface Operation {
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly content?: Record<string, { schema?: Schema }> };
}

export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, Operation>>;
}

/** One route of the document: method, path template, its parameters and body schema. */
export interface Route {
  readonly method: string;
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly query: readonly { name: string; schema: Schema }[];
  readonly body: Schema | null;
}

/** A request to send: everything but the token. */
export interface FuzzRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly payload?: string | Buffer;
  /** What was fuzzed, for the report. */
  readonly what: string;
}

/** Every route and method the document describes. */
export function routesOf(doc: OpenApiDocument): Route[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      query: (op.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => ({ name: p.name, schema: p.schema ?? {} })),
      body: op.requestBody?.content?.['application/json']?.schema ?? null,
    })),
  );
}

/** Text that has broken servers before: prototype names, control and bidi characters, huge. */
export const hostileString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    '__proto__',
    'constructor',
    'prototype',
    '\u0000',
    '\u202Eevil',
    '👩‍👩‍👧‍👦',
    '\uD800',
    '../../../etc/passwd',
    '%',
    '%ZZ',
    '%C3%28',
    '%00',
    ',,,,',
    'a,b,,c',
    '-1',
    '0',
    '1e309',
    'NaN',
    '99999999999999999999999',
    'true',
    'null',
    '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '<script>alert(1)</script>',
  ),
  fc.constant('x'.repeat(10_240)),
  fc.constant('é'.repeat(50_000)),
);

/** A value shaped like `schema` (mostly right, so the route gets past its first check). */
export function shaped(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  if (schema.anyOf && schema.anyOf.length > 0)
    return fc.oneof(...schema.anyOf.map((s) => shaped(s, depth)));
  switch (schema.type ?? '') {
    case 'string':
      return fc.oneof(fc.string({ maxLength: schema.maxLength ?? 40 }), hostileString);
    case 'integer':
      return fc.oneof(
        fc.integer({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6 }),
        fc.integer(),
      );
    case 'number':
      return fc.double();
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 4
        ? fc.constant([])
        : fc.array(shaped(schema.items ?? {}, depth + 1), { maxLength: 5 });
    case 'object': {
      if (depth > 4 || !schema.properties)
        return fc.dictionary(hostileString, fc.jsonValue(), { maxKeys: 4 });
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(schema.properties);
      return fc.record(Object.fromEntries(entries.map(([k, s]) => [k, shaped(s, depth + 1)])), {
        requiredKeys: entries.map(([k]) => k).filter((k) => required.has(k)),
      });
    }
    default:
      return fc.jsonValue({ maxDepth: 3 });
  }
}

/** A value of the schema's shape with one part of the wrong type, or anything at all. */
export function wrong(schema: Schema): fc.Arbitrary<unknown> {
  const anything = fc.oneof(
    fc.jsonValue({ maxDepth: 4 }),
    hostileString,
    fc.constant(null),
    fc.constant({ __proto__: { admin: true } }),
  );
  if (schema.type !== 'object' || !schema.properties) return anything;
  const names = Object.keys(schema.properties);
  return fc
    .tuple(shaped(schema), fc.constantFrom(...names, '__proto__', 'constructor'), anything)
    .map(([value, name, bad]) =>
      typeof value === 'object' && value !== null
        ? Object.defineProperty({ ...value }, name, { value: bad, enumerable: true })
        : value,
    );
}

/** JSON text nested `depth` levels deep, built as text (building it as a value recurses). */
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** YAML that costs a naive parser its memory or its stack. */
const aliases = Array.from(
  { length: 9 },
  (_, i) =>
    `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
      .fill(`*${String.fromCharCode(97 + i)}`)
      .join(',')}]`,
);
const YAML_BOMBS: Record<string, string> = {
  'alias bomb': `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n${aliases.join('\n')}\npolicies: *j\n`,
  'flow nesting 5,000 deep': `policies: ${'['.repeat(5_000)}${']'.repeat(5_000)}\n`,
  'block nesting 1,000 deep': `policies:\n${Array.from({ length: 1_000 }, (_, i) => `${' '.repeat(i * 2)}- a:`).join('\n')}\n`,
  'merge keys': 'base: &b { id: x }\npolicies:\n  - <<: *b\n    <<: *b\n',
  tags: 'policies: !!js/function "function(){}"\n',
};

const CONTENT_TYPES = [
  'text/plain',
  'application/yaml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/octet-stream',
  'application/json, text/plain',
  'application/JSON',
] as const;

/** A body of every kind a careless or hostile client sends. */
export function body(schema: Schema | null, extra: readonly fc.Arbitrary<unknown>[] = []) {
  const json = (v: unknown) => ({
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(v) ?? 'null',
  });
  const target = schema ?? {};
  return fc.oneof(
    { weight: 4, arbitrary: shaped(target).map((v) => ({ ...json(v), what: 'shaped body' })) },
    ...extra.map((arbitrary) => ({
      weight: 4,
      arbitrary: arbitrary.map((v) => ({ ...json(v), what: 'route-specific body' })),
    })),
    { weight: 3, arbitrary: wrong(target).map((v) => ({ ...json(v), what: 'wrong body' })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('{', '{"a":', '[1,]', '\u0000', '{"a":1}{"b":2}', '"\uD800"', 'nul')
        .map((payload) => ({
          headers: { 'content-type': 'application/json' },
          payload,
          what: 'invalid JSON',
        })),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1_000, max: 100_000 }).map((depth) => ({
        headers: { 'content-type': 'application/json' },
        payload: `{"policies":${nested(depth)},"events":${nested(depth)},"name":${nested(depth)}}`,
        what: `nested ${depth} deep`,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(1_000_000, 8_000_000).map((size) => ({
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ name: 'x'.repeat(size), policies: 'y', events: [] }),
        what: `${size}-character string`,
      })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...CONTENT_TYPES), fc.string({ unit: 'binary', maxLength: 200 }))
        .map(([type, payload]) => ({
          headers: { 'content-type': type },
          payload,
          what: `content-type ${type}`,
        })),
    },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => ({
        headers: { 'content-type': 'application/json' },
        payload: Buffer.from(bytes),
        what: 'random bytes',
      })),
    },
    { weight: 1, arbitrary: fc.constant({ headers: {}, payload: '', what: 'no body' }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...Object.keys(YAML_BOMBS)).map((name) => ({
        headers: { 'content-type': 'application/yaml' },
        payload: YAML_BOMBS[name]!,
        what: `YAML ${name}`,
      })),
    },
  );
}

const encode = fc.boolean();

/** A query string value: shaped, wrong, hostile, and encoded or left raw. */
const queryValue = (schema: Schema) =>
  fc.tuple(fc.oneof(shaped(schema), hostileString, fc.jsonValue()), encode).map(([v, enc]) => {
    const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
    return enc
      ? encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, '?'))
      : text.replace(/[#&\s]/g, '');
  });

/** Requests for `route`: random path parameters, query (known names and others) and bodies. */
export function requestsFor(
  route: Route,
  bodies: readonly fc.Arbitrary<unknown>[] = [],
): fc.Arbitrary<FuzzRequest> {
  const pathParam = fc.oneof(
    fc.constantFrom('EMEA-1', 'US-1', 'OFFICE-1', 'nope'),
    hostileString.map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '?'))),
    fc.constantFrom('%', '%ZZ', '%C3%28', '..%2F..%2F', '%00', '%2e%2e', 'a%2Fb'),
  );
  const params = fc.tuple(...route.pathParams.map(() => pathParam));
  const known = route.query.map((q) =>
    fc.option(
      queryValue(q.schema).map((v) => `${q.name}=${v}`),
      { nil: undefined },
    ),
  );
  const unknown = fc.array(
    fc
      .tuple(hostileString, hostileString)
      .map(
        ([k, v]) =>
          `${encodeURIComponent(k.replace(/[\uD800-\uDFFF]/g, '?'))}=${encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, '?'))}`,
      ),
    { maxLength: 2 },
  );
  // Repeated parameters (`team=a&team=b`) arrive as arrays.
  const repeated = fc.option(
    fc.constantFrom(...route.query.map((q) => q.name), 'x').map((n) => `${n}=a&${n}=b`),
    { nil: undefined },
  );
  const withBody = route.method !== 'GET' && route.method !== 'DELETE';
  return fc
    .tuple(
      params,
      fc.tuple(...known),
      unknown,
      repeated,
      withBody
        ? body(route.body, bodies)
        : fc.constant({ headers: {}, payload: undefined, what: '' }),
    )
    .map(([values, knownQuery, extra, again, b]) => {
      let i = 0;
      const path = route.path.replace(/\{[^}]+\}/g, () => String(values[i++] ?? ''));
      const query = [
        ...knownQuery.filter((q) => q !== undefined),
        ...extra,
        ...(again ? [again] : []),
      ];
      return {
        method: route.method,
        url: query.length > 0 ? `${path}?${query.join('&')}` : path,
        headers: b.headers,
        ...(b.payload !== undefined ? { payload: b.payload } : {}),
        what: b.what,
      };
    });
}
