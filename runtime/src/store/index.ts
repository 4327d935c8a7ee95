export { openSqliteStore as openStore } from './sqlite/index.ts';
export * from './types.ts';
