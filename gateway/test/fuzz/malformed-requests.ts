/** One raw HTTP request a broken or hostile client sends. */
export interface RawRequest {
  what: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Which origin: the gateway's, or identity's (single sign-on, /oidc/*, as an ingress routes it). */
  origin?: 'gateway' | 'identity';
}

const json = { 'content-type': 'application/json' };
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

/** Bodies and requests that are not what /graphql, /uploads and /oidc/* expect. */
export function malformedRequests(token: string): RawRequest[] {
  const bearer = { authorization: `Bearer ${token}` };
  const graphql: RawRequest[] = [
    ...[
      '{',
      '{"query":',
      'null',
      '[]',
      '[{}]',
      '"text"',
      '123',
      'true',
      '{"query":123}',
      '{"query":null}',
      '{"query":"{"}',
      '{"query":"{ agencies { id } }","variables":"x"}',
      '{"query":"{ agencies { id } }","variables":[1]}',
      '{"query":"{ agencies { id } }","operationName":5}',
      '{"query":"{ agencies { id } }","extensions":"x"}',
      '{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"00"}}}',
      '{"query":"{ agencies { id } }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"00"}}}',
      `{"query":"${'{ a '.repeat(3000)}"}`,
      `{"query":"{ agencies { id } }","variables":${deep(5000)}}`,
      deep(20_000),
      '{"query":"\\ud800"}',
      '\u0000\u0000',
    ].map((body, i): RawRequest => ({ what: `graphql body ${i}`, method: 'POST', path: '/graphql', headers: json, body })),
    { what: 'invalid UTF-8', method: 'POST', path: '/graphql', headers: json, body: Buffer.from([0x7b, 0x22, 0x71, 0xff, 0xfe, 0x22, 0x7d]) },
    {
      what: 'two megabytes',
      method: 'POST',
      path: '/graphql',
      headers: json,
      body: JSON.stringify({ query: '{ agencies { id } }', variables: { x: 'y'.repeat(2 * 1024 * 1024) } }),
    },
    ...[
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      'application/graphql',
      'application/json; charset=latin1',
      'application/xml',
      '',
    ].map((type): RawRequest => ({
      what: `content type ${type || '(none)'}`,
      method: 'POST',
      path: '/graphql',
      headers: type ? { 'content-type': type } : {},
      body: '{"query":"{ agencies { id } }"}',
    })),
    ...[
      '?query=%7Bagencies%7Bid%7D%7D&variables=not-json',
      '?query=mutation%7Blogout%7D',
      '?query=',
      '?extensions=%7B',
      '?query=%7B&operationName[]=x',
      '',
    ].map((q): RawRequest => ({ what: `GET /graphql${q}`, method: 'GET', path: `/graphql${q}`, headers: { 'apollo-require-preflight': 'true' } })),
    ...['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'].map((method): RawRequest => ({
      what: `${method} /graphql`,
      method,
      path: '/graphql',
      headers: json,
      body: method === 'HEAD' ? undefined : '{}',
    })),
    {
      what: 'garbage token',
      method: 'POST',
      path: '/graphql',
      headers: { ...json, authorization: 'Bearer abc.def.ghi' },
      body: '{"query":"{ me { id } }"}',
    },
    {
      what: 'huge token',
      method: 'POST',
      path: '/graphql',
      headers: { ...json, authorization: `Bearer ${'a'.repeat(6000)}` },
      body: '{"query":"{ me { id } }"}',
    },
    { what: 'odd language', method: 'POST', path: '/graphql', headers: { ...json, 'accept-language': ';;q=x,,*;q=-1' }, body: '{"query":"{ x }"}' },
    { what: 'unknown path', method: 'POST', path: '/graphql/../../etc/passwd', headers: json, body: '{}' },
    { what: 'encoded NUL in path', method: 'GET', path: '/%00', headers: {} },
  ];
  const uploads: RawRequest[] = [
    { what: 'upload without token', method: 'POST', path: '/uploads', headers: { 'content-type': 'multipart/form-data; boundary=b' }, body: '--b--' },
    {
      what: 'upload garbage token',
      method: 'POST',
      path: '/uploads',
      headers: { authorization: 'Bearer x', 'content-type': 'multipart/form-data; boundary=b' },
      body: '--b--',
    },
    { what: 'upload no content type', method: 'POST', path: '/uploads', headers: bearer, body: 'x' },
    { what: 'upload no boundary', method: 'POST', path: '/uploads', headers: { ...bearer, 'content-type': 'multipart/form-data' }, body: 'x' },
    {
      what: 'upload garbage multipart',
      method: 'POST',
      path: '/uploads',
      headers: { ...bearer, 'content-type': 'multipart/form-data; boundary=b' },
      body: 'not multipart at all',
    },
    {
      what: 'upload empty',
      method: 'POST',
      path: '/uploads',
      headers: { ...bearer, 'content-type': 'multipart/form-data; boundary=b' },
      body: '--b--\r\n',
    },
    {
      what: 'upload two files',
      method: 'POST',
      path: '/uploads',
      headers: { ...bearer, 'content-type': 'multipart/form-data; boundary=b' },
      body: '--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="b.pdf"\r\n\r\n%PDF-1.4\r\n--b--\r\n',
    },
    {
      what: 'upload field only',
      method: 'POST',
      path: '/uploads',
      headers: { ...bearer, 'content-type': 'multipart/form-data; boundary=b' },
      body: '--b\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--b--\r\n',
    },
    {
      what: 'upload an executable named pdf',
      method: 'POST',
      path: '/uploads',
      headers: { ...bearer, 'content-type': 'multipart/form-data; boundary=b' },
      body: '--b\r\nContent-Disposition: form-data; name="file"; filename="../../x.pdf\u0000.exe"\r\nContent-Type: application/pdf\r\n\r\nMZ\u0090\u0000\r\n--b--\r\n',
    },
    { what: 'upload as JSON', method: 'POST', path: '/uploads', headers: { ...bearer, ...json }, body: '{"file":"x"}' },
    ...[
      '/uploads/x',
      '/uploads/..%2F..%2Fetc%2Fpasswd',
      '/uploads/%00',
      `/uploads/${'9'.repeat(300)}`,
      '/uploads/00000000-0000-7000-8000-000000000000',
    ].map((path): RawRequest => ({ what: `GET ${path}`, method: 'GET', path, headers: bearer })),
    { what: 'DELETE upload', method: 'DELETE', path: '/uploads/x', headers: bearer },
  ];
  const oidc: RawRequest[] = [
    '/oidc/.well-known/openid-configuration',
    '/oidc/jwks',
    '/oidc/auth',
    '/oidc/auth?client_id=nope&response_type=code&redirect_uri=https%3A%2F%2Fevil.example%2F&scope=openid',
    '/oidc/auth?client_id=%00&response_type=token&scope=openid%20%00',
    '/oidc/auth?request=eyJhbGciOiJub25lIn0.e30.',
    '/oidc/interaction/nope',
    '/oidc/interaction/nope/login',
    '/oidc/session/end',
    '/oidc/me',
    '/oidc/%2e%2e/%2e%2e/etc/passwd',
    '/oidc/' + 'x'.repeat(3000),
  ].map((path): RawRequest => ({ what: `GET ${path.slice(0, 80)}`, method: 'GET', path, origin: 'identity' }));
  oidc.push(
    {
      what: 'token endpoint garbage form',
      method: 'POST',
      path: '/oidc/token',
      origin: 'identity',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=authorization_code&code=%00&client_id=x',
    },
    { what: 'token endpoint JSON', method: 'POST', path: '/oidc/token', origin: 'identity', headers: json, body: '{"grant_type":"password"}' },
    {
      what: 'token endpoint broken form',
      method: 'POST',
      path: '/oidc/token',
      origin: 'identity',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '%%%&&&===',
    },
    { what: 'userinfo garbage token', method: 'GET', path: '/oidc/me', origin: 'identity', headers: { authorization: 'Bearer nope' } },
    {
      what: 'interaction login garbage',
      method: 'POST',
      path: '/oidc/interaction/nope/login',
      origin: 'identity',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'login=a&password=b',
    },
    {
      what: 'revocation garbage',
      method: 'POST',
      path: '/oidc/token/revocation',
      origin: 'identity',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'token=x',
    },
  );
  return [...graphql, ...uploads, ...oidc];
}
