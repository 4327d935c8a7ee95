export { Acd, type AcdListener } from './acd.ts';
export { waitingFromRecord } from './from-record.ts';
export type { AgentView, InteractionView } from './views.ts';
export * from './types.ts';
