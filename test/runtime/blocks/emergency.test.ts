import { describe, expect, it } from 'vitest';
import { emergency as definition } from '../../../schemas/blocks/emergency.ts';
import { emergency } from '../../../runtime/src/blocks/emergency.ts';
import { isWait } from '../../../runtime/src/engine/types.ts';
import type { Flag } from '../../../schemas/resources/index.ts';
import { testContext, testServices } from '../../support/run-services.ts';

const flags: Flag[] = [
  { kind: 'flag', id: 'storm', name: 'Storm outage', active: true, message: 'Power cuts in the north; crews are on site.' },
  { kind: 'flag', id: 'silent', name: 'Silent alarm', active: true },
  { kind: 'flag', id: 'recall', name: 'Product recall', active: false, message: 'Recall of batch 42' },
];

async function check(flag: string) {
  const result = await emergency({
    config: { flag },
    context: testContext(),
    nodeId: 'emergency',
    signal: new AbortController().signal,
    services: testServices({ resources: flags }),
  });
  if (isWait(result)) throw new Error('emergency never waits');
  return result;
}

describe('Emergency', () => {
  it('takes "active" when the flag is on, quoting its name and message', async () => {
    const result = await check('storm');
    expect(result.port).toBe('active');
    expect(result.reason).toBe("emergency flag 'Storm outage' is on: Power cuts in the north; crews are on site.");
    expect(result.details).toEqual({ flag: 'storm', active: true, message: 'Power cuts in the north; crews are on site.' });
  });

  it('says when an active flag has no message', async () => {
    expect((await check('silent')).reason).toBe("emergency flag 'Silent alarm' is on (no message)");
  });

  it('takes "normal" when the flag is off', async () => {
    expect(await check('recall')).toMatchObject({ port: 'normal', reason: "emergency flag 'Product recall' is off" });
  });

  it('fails the run when the flag does not exist', async () => {
    await expect(check('gone')).rejects.toThrow('emergency flag "gone" does not exist');
  });

  it('declares the flag it references, for the validator', () => {
    expect(definition.references!({ flag: 'storm' })).toEqual([{ kind: 'flag', id: 'storm', pointer: '/flag' }]);
  });
});
