// Types of serve-flags.js (plain JavaScript: bin/switchyard.js reads it before the TypeScript loader is registered).
export declare const SERVE_NODE_FLAGS: readonly string[];
export declare function missingServeFlags(execArgv: readonly string[]): string[];
