import { describe, expect, it } from 'vitest';
import { postJson } from '../../../runtime/src/channels/platform-http.ts';

/** A fetch whose answer has `status` and a body that breaks while it is read. */
function brokenBody(status: number): typeof fetch {
  return async () =>
    new Response(
      new ReadableStream({
        start(controller) {
          controller.error(new Error('connection reset'));
        },
      }),
      { status },
    );
}

describe('postJson', () => {
  const signal = new AbortController().signal;

  it('takes a 2xx whose body was lost as done, so the action is not sent twice', async () => {
    const answer = await postJson(brokenBody(200), 'http://platform.test/2/tweets', { text: 'hi' }, {}, signal);
    expect(answer).toMatchObject({ status: 200, body: undefined });
  });

  it('reports a failure answer whose body was lost as a failure to retry', async () => {
    const answer = await postJson(brokenBody(503), 'http://platform.test/2/tweets', { text: 'hi' }, {}, signal);
    expect(answer).toEqual({ failure: { ok: false, error: expect.stringMatching(/reading the answer failed: .*connection reset/) } });
  });
});
