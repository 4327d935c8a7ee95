import type { SkillRequirement } from '../../../schemas/resources/index.ts';

/** Joins skill lists, keeping the highest level asked for each skill, in first-seen order. */
export function mergeSkills(...lists: ReadonlyArray<readonly SkillRequirement[] | undefined>): SkillRequirement[] {
  const levels = new Map<string, number>();
  for (const list of lists) {
    for (const { skill, level } of list ?? []) levels.set(skill, Math.max(level, levels.get(skill) ?? 0));
  }
  return [...levels].map(([skill, level]) => ({ skill, level }));
}

/** "billing≥2, spanish≥3" for a reason line. */
export function skillsText(skills: readonly SkillRequirement[]): string {
  return skills.map(({ skill, level }) => `${skill}≥${level}`).join(', ');
}
