import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { makeLogger, serializeError } from '../../src/logger';
import { requestScope } from '../../src/request-scope';

function capture(): { lines: Array<Record<string, unknown>>; stream: Writable } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

describe('logger', () => {
  it('logs an error as type, message, code, stack and cause only — never a client object hanging off it', () => {
    const cause = new Error('connection terminated');
    const error = Object.assign(new Error('query failed', { cause }), { code: '57P01', client: { password: 'secret', socket: { big: true } } });
    const serialized = serializeError(error);
    assert.deepEqual(Object.keys(serialized).sort(), ['cause', 'code', 'message', 'stack', 'type']);
    assert.equal(serialized.code, '57P01');
    assert.equal(serialized.cause?.message, 'connection terminated');
    assert.doesNotMatch(JSON.stringify(serialized), /secret|socket/);
    assert.deepEqual(serializeError('plain'), { type: 'string', message: 'plain' });
  });

  it('stamps every line written while serving a request with its request id', () => {
    const { lines, stream } = capture();
    const logger = makeLogger('info', false, stream);
    requestScope.run({ requestId: 'req-1' }, () => logger.error({ err: new Error('boom') }, 'failed'));
    logger.info('outside');
    assert.equal(lines[0].requestId, 'req-1');
    assert.match(String((lines[0].err as { stack: string }).stack), /boom\n\s+at /);
    assert.equal(lines[1].requestId, undefined);
  });
});
