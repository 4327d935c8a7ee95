import { accountSchema, type Account } from './account.ts';
import { agentSchema, type AgentResource } from './agent.ts';
import { calendarSchema, type Calendar } from './calendar.ts';
import { dispositionSchema, type Disposition } from './disposition.ts';
import { flagSchema, type Flag } from './flag.ts';
import { queueSchema, type Queue } from './queue.ts';
import { responseSchema, type StandardResponse } from './response.ts';
import { scheduleSchema, type Schedule } from './schedule.ts';
import { skillSchema, type Skill } from './skill.ts';

export const resourceSchemas = {
  queue: queueSchema,
  skill: skillSchema,
  schedule: scheduleSchema,
  calendar: calendarSchema,
  flag: flagSchema,
  response: responseSchema,
  disposition: dispositionSchema,
  account: accountSchema,
  agent: agentSchema,
} as const;

export type ResourceKind = keyof typeof resourceSchemas;
export const RESOURCE_KINDS = Object.keys(resourceSchemas) as ResourceKind[];

export interface ResourceByKind {
  queue: Queue;
  skill: Skill;
  schedule: Schedule;
  calendar: Calendar;
  flag: Flag;
  response: StandardResponse;
  disposition: Disposition;
  account: Account;
  agent: AgentResource;
}
export type Resource = ResourceByKind[ResourceKind];

export function isResourceKind(value: string): value is ResourceKind {
  return Object.hasOwn(resourceSchemas, value);
}

export type { Account, AgentResource, Calendar, Disposition, Flag, Queue, StandardResponse, Schedule, Skill };
export { WEEKDAYS, type Weekday } from './schedule.ts';
export type { SkillRequirement } from './queue.ts';
