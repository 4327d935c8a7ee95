import type { SenderRegistry } from '../outbox/dispatcher.ts';
import type { Store } from '../store/types.ts';
import { accountDirectory } from './accounts.ts';
import { createLineSender } from './line/index.ts';
import { createMetaSenders, lastInboundFromStore } from './meta/index.ts';
import { createTwitterSender } from './twitter/index.ts';

/** The real platform senders for every channel, reaching each platform's API at its configured base URL. */
export function platformSenders(store: Store): SenderRegistry {
  const accounts = accountDirectory(store.resources);
  return {
    ...createMetaSenders(accounts, { lastInboundAt: lastInboundFromStore(store) }),
    twitter: createTwitterSender(accounts),
    line: createLineSender(accounts),
  };
}
