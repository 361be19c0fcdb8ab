import { describe, expect, it } from 'vitest';
import { errorFromStatus, parseErrorBody, sanitize } from '../../../src/providers/http/http-error.js';

const ctx = { serviceName: 'Jasper', secrets: ['sk-live-SECRET-1234'] };

describe('parseErrorBody', () => {
  it('reads each body shape Jasper is known to send', () => {
    expect(parseErrorBody('{"statusCode":400,"message":"app not found","error":"Bad Request"}')).toEqual({ message: 'app not found' });
    expect(parseErrorBody('{"statusCode":400,"message":["size must not be greater than 100","page must be an integer"],"error":"Bad Request"}').message).toBe(
      'size must not be greater than 100; page must be an integer',
    );
    expect(parseErrorBody('{"requestId":"r-1","resource":"tasks","errors":[{"message":"Invalid context item"},"Another"]}')).toEqual({
      message: 'Invalid context item; Another',
      requestId: 'r-1',
    });
    expect(parseErrorBody('{"data":{"error":{"message":"Provider error","code":"E"}}}').message).toBe('Provider error');
    expect(parseErrorBody('{"statusCode":404,"error":"Not Found"}').message).toBe('Not Found');
  });

  it('returns nothing for bare or odd bodies', () => {
    expect(parseErrorBody('')).toEqual({});
    expect(parseErrorBody('<html>Bad gateway</html>')).toEqual({});
    expect(parseErrorBody('[1,2]')).toEqual({});
    expect(parseErrorBody('{"message":42}')).toEqual({});
  });
});

describe('errorFromStatus', () => {
  it('maps statuses to codes', () => {
    const code = (status: number) => errorFromStatus({ status }, ctx).code;
    expect(code(400)).toBe('bad_request');
    expect(code(422)).toBe('bad_request');
    expect(code(401)).toBe('auth');
    expect(code(403)).toBe('forbidden');
    expect(code(404)).toBe('not_found');
    expect(code(408)).toBe('timeout');
    expect(code(429)).toBe('rate_limited');
    expect(code(500)).toBe('upstream');
    expect(code(503)).toBe('upstream');
  });

  it('says what the upstream said, with its request id', () => {
    const error = errorFromStatus({ status: 400, body: '{"requestId":"abc","errors":[{"message":"Topic is too long"}]}' }, ctx);
    expect(error.message).toBe('Jasper refused the request (400): Topic is too long.');
    expect(error.requestId).toBe('abc');
    expect(error.status).toBe(400);
  });

  it('tells when to try again after a 429', () => {
    const error = errorFromStatus({ status: 429, retryAfterMs: 12_000 }, ctx);
    expect(error.message).toContain('in 12 seconds');
    expect(error.retryAfterMs).toBe(12_000);
  });

  it('never repeats a secret the body echoes', () => {
    for (const status of [400, 401, 403, 404, 422, 429, 500]) {
      const body = JSON.stringify({ statusCode: status, message: `key sk-live-SECRET-1234 is not allowed` });
      expect(errorFromStatus({ status, body }, ctx).message).not.toContain('sk-live-SECRET-1234');
    }
  });
});

describe('sanitize', () => {
  it('redacts, flattens and bounds', () => {
    expect(sanitize('a\n\n b sk-live-SECRET-1234', ctx.secrets)).toBe('a b [redacted]');
    expect(sanitize('x'.repeat(1000)).length).toBe(300);
  });
});
