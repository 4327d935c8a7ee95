import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import { FAVORITE_CHANNELS } from '../../../schemas/blocks/favorite.ts';
import type { Executor } from '../engine/types.ts';
import { engagementExecutor } from './platform-action.ts';

export const favorite: Executor<ConfigOf<'favorite'>> = engagementExecutor('favorite', FAVORITE_CHANNELS);
