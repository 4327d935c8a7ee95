import type { Context, Hono } from 'hono';

export type PlatformName = 'facebook' | 'messenger' | 'whatsapp' | 'twitter' | 'line';

/** One request a fake platform received, as tests read it back. */
export interface RecordedRequest {
  platform: PlatformName;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  at: string;
  /** What the fake answered: the status, and whether it was an injected fault. */
  status: number;
  fault?: 'error' | 'rate-limit' | 'timeout';
}

/** What a platform's fake routes get from the shared fake server. */
export interface FakePlatform {
  /**
   * Records the request, then answers it: with an injected fault if one is
   * queued for this platform and path (500, 429 with Retry-After, or no answer
   * at all), else with `success(body)` as JSON (status 200 unless given).
   */
  handle(c: Context, platform: PlatformName, success: (body: unknown) => unknown, status?: number): Promise<Response>;
  /** A fresh platform-looking id (digits), for created tweets, comments, messages. */
  nextId(): string;
}

/** A platform's API routes on the fake server (real paths, real wire formats). */
export type FakeRoutes = (app: Hono, fake: FakePlatform) => void;
