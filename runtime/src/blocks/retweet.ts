import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import { RETWEET_CHANNELS } from '../../../schemas/blocks/retweet.ts';
import type { Executor } from '../engine/types.ts';
import { engagementExecutor } from './platform-action.ts';

export const retweet: Executor<ConfigOf<'retweet'>> = engagementExecutor('retweet', RETWEET_CHANNELS);
