import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import { LIKE_CHANNELS } from '../../../schemas/blocks/like.ts';
import type { Executor } from '../engine/types.ts';
import { engagementExecutor } from './platform-action.ts';

export const like: Executor<ConfigOf<'like'>> = engagementExecutor('like', LIKE_CHANNELS);
