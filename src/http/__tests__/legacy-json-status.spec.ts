import { legacyJsonStatus, prefersLegacyJson } from '../legacy-json-status';

describe('prefersLegacyJson', () => {
  it.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['application/json, application/graphql-response+json', true],
    ['application/graphql-response+json, application/json', false],
    ['application/graphql-response+json;q=0.5, application/json', true],
    ['application/graphql-response+json, application/json;q=0.9', false],
    ['application/json;q=0', false],
    ['application/graphql-response+json', false],
    ['*/*', false],
    ['application/*', false],
    ['text/html, application/json;q=0.1', true],
  ])('%s: %s', (accept, expected) => {
    expect(prefersLegacyJson(accept)).toBe(expected);
  });

  it('is false with no Accept header', () => {
    expect(prefersLegacyJson(undefined)).toBe(false);
  });
});

describe('legacyJsonStatus', () => {
  const error = (code: string) => ({ message: code, extensions: { code } });
  it('turns 400 into 200 for request errors when the client prefers application/json', () => {
    expect(legacyJsonStatus(400, [error('GRAPHQL_PARSE_FAILED')], 'application/json')).toBe(200);
    expect(legacyJsonStatus(400, [error('GRAPHQL_VALIDATION_FAILED'), error('OPERATION_TOO_COMPLEX')], 'application/json')).toBe(200);
  });

  it('keeps every other status', () => {
    expect(legacyJsonStatus(400, [error('GRAPHQL_PARSE_FAILED')], 'application/graphql-response+json')).toBe(400);
    expect(legacyJsonStatus(400, [error('GRAPHQL_PARSE_FAILED')], '*/*')).toBe(400);
    expect(legacyJsonStatus(400, [error('BAD_REQUEST')], 'application/json')).toBe(400);
    expect(legacyJsonStatus(400, [error('RESPONSE_TOO_LARGE')], 'application/json')).toBe(400);
    expect(legacyJsonStatus(400, undefined, 'application/json')).toBe(400);
    expect(legacyJsonStatus(504, [error('OPERATION_TIMEOUT')], 'application/json')).toBe(504);
  });
});
