import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import type { Executor, QueueRequest } from '../engine/types.ts';
import { mergeSkills, skillsText } from './skills.ts';

export const routeToQueue: Executor<ConfigOf<'route-to-queue'>> = async ({ config, context, services }) => {
  const queue = services.resources.get('queue', config.queue);
  if (!queue) return { port: 'failed', reason: `queue "${config.queue}" does not exist` };

  const skills = mergeSkills(queue.skills, context.routing.skills, config.skills);
  const priority = config.priority ?? context.routing.priority;
  const prefer = config.lastAgent !== undefined && (config.lastAgent.prefer ?? true);
  const lastAgentId = prefer ? context.conversation?.lastAgentId : undefined;
  const timeoutSeconds = config.lastAgent?.timeoutSeconds ?? 60;
  const request: QueueRequest = {
    queue: queue.id,
    skills,
    priority,
    ...(lastAgentId ? { preferredAgent: lastAgentId, preferredAgentTimeoutSeconds: timeoutSeconds } : {}),
    ...(context.routing.greeting !== undefined ? { greeting: context.routing.greeting } : {}),
  };
  services.route(request);

  const parts = [
    `queued to "${queue.name}" ${skills.length > 0 ? `with skills ${skillsText(skills)}` : 'with no skills'}`,
    `priority ${priority}`,
    ...(lastAgentId ? [`preferring agent ${lastAgentId} for ${timeoutSeconds} s`] : prefer ? ['no last agent to prefer'] : []),
  ];
  return {
    port: 'queued',
    reason: parts.join(', '),
    patch: { routing: { queue: queue.id, skills, priority, ...(lastAgentId ? { preferredAgent: lastAgentId } : {}) } },
    details: { queue: queue.id },
  };
};
