import type { Channel } from '../../../schemas/message.ts';
import type { Account } from '../../../schemas/resources/index.ts';
import type { ResourceRepo } from '../store/types.ts';
import type { AccountDirectory } from './types.ts';

/**
 * The channel accounts from the store, read per request (a handful of rows)
 * so an account added through the API takes effect at once. Secrets come from
 * the environment variables the accounts name, never from the store.
 */
export function accountDirectory(resources: ResourceRepo, env: NodeJS.ProcessEnv = process.env): AccountDirectory {
  const accounts = () => resources.list('account') as Account[];
  return {
    find: (channel: Channel, platformId: string) => accounts().find((account) => account.channel === channel && account.platformId === platformId),
    of: (channels: readonly Channel[]) => accounts().filter((account) => channels.includes(account.channel)),
    secret: (account: Account, name: string) => {
      const variable = account.secrets?.[name]?.env;
      const value = variable ? env[variable] : undefined;
      return value === '' ? undefined : value;
    },
  };
}
