import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface LoadedFile {
  file: string;
  document?: unknown;
  /** Why the file could not be read as JSON. */
  error?: string;
  kind: 'flow' | 'resource' | 'unknown';
}

/** Every `*.json` file under the given files and folders, parsed and sorted by what it holds. */
export function loadJsonFiles(paths: string[]): LoadedFile[] {
  const files: string[] = [];
  const walk = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
        if (entry.startsWith('.') || entry === 'node_modules') continue;
        const child = join(path, entry);
        if (statSync(child).isDirectory() || entry.endsWith('.json')) walk(child);
      }
    } else files.push(path);
  };
  for (const path of paths) walk(path);
  return files.map((file) => {
    let document: unknown;
    try {
      document = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      return { file, kind: 'unknown', error: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
    }
    return { file, document, kind: classify(document) };
  });
}

/** A flow has nodes; a resource has a kind; anything else is not ours. */
function classify(document: unknown): LoadedFile['kind'] {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return 'unknown';
  if ('nodes' in document || 'edges' in document || 'trigger' in document) return 'flow';
  if ('kind' in document) return 'resource';
  return 'unknown';
}
