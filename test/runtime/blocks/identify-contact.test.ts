import { describe, expect, it } from 'vitest';
import { identifyContact as definition } from '../../../schemas/blocks/identify-contact.ts';
import { identifyContact } from '../../../runtime/src/blocks/identify-contact.ts';
import { blockConfig, configProblems } from '../../support/block-config.ts';
import { testContext, testServices } from '../../support/run-services.ts';

const signal = new AbortController().signal;

describe('Identify contact', () => {
  it('creates a contact for a first-time author and opens a conversation', async () => {
    const services = testServices();
    const result = await identifyContact({ config: blockConfig(definition, {}), context: testContext(), nodeId: 'who', signal, services });
    expect(result).toMatchObject({ port: 'new', patch: { contact: { id: 'contact-1', isNew: true }, conversation: { isNew: true } } });
    expect(result.reason).toBe('created contact for @jane; opened a new conversation conv-twitter:12345');
  });

  it('finds a returning author by platform identity and joins the open conversation', async () => {
    const services = testServices();
    services.contactsByIdentity.set('twitter:12345', { id: 'c-7', name: 'Jane Doe', attributes: {}, isNew: false });
    const result = await identifyContact({ config: blockConfig(definition, {}), context: testContext(), nodeId: 'who', signal, services });
    expect(result).toMatchObject({ port: 'known', patch: { contact: { id: 'c-7' }, conversation: { isNew: false } } });
    expect(result.reason).toBe('found by twitter id 12345; joined open conversation conv-twitter:12345');
  });

  it('takes the unknown port when no contact matches and creating is off', async () => {
    const services = testServices();
    const config = blockConfig(definition, { createIfMissing: false, matchBy: ['identity'] });
    const result = await identifyContact({ config, context: testContext(), nodeId: 'who', signal, services });
    expect(result).toEqual({ port: 'unknown', reason: 'no contact matches @jane by identity, and creating contacts is off' });
  });

  it('passes the defaults to the contact service', async () => {
    const services = testServices();
    const seen: unknown[] = [];
    services.contacts.identify = (_message, options) => {
      seen.push(options);
      return {};
    };
    await identifyContact({ config: blockConfig(definition, {}), context: testContext(), nodeId: 'who', signal, services });
    expect(seen).toEqual([{ createIfMissing: true, continuityHours: 72, matchBy: ['identity', 'email', 'phone'] }]);
  });

  it('rejects a continuity window over 30 days and repeated match keys', () => {
    expect(configProblems(definition, { continuityHours: 721, matchBy: ['email', 'email'] })).toEqual([
      '/continuityHours must be <= 720',
      expect.stringMatching(/^\/matchBy must NOT have duplicate items/),
    ]);
  });
});
