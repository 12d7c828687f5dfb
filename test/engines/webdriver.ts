/**
 * A tiny W3C WebDriver (classic, HTTP) client on fetch: just what the engines provider needs
 * for WebKitWebDriver. Every request has a deadline: a misconfigured driver hangs rather than
 * failing (POST /session without a display, for one).
 */

export class WebDriverError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'WebDriverError';
  }
}

export async function request<T = unknown>(
  base: string,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
  timeoutMs = 30_000,
): Promise<T> {
  const init: RequestInit = { method, signal: AbortSignal.timeout(timeoutMs) };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'Content-Type': 'application/json; charset=utf-8' };
  }
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, init);
  } catch (error) {
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : String((error as Error).cause ?? error);
    throw new Error(`WebDriver ${method} ${path}: ${reason}`, { cause: error });
  }
  const text = await response.text();
  let value: { value?: { error?: string; message?: string } } | undefined;
  try {
    value = JSON.parse(text) as typeof value;
  } catch {
    throw new WebDriverError(
      response.status,
      'invalid json',
      `WebDriver ${method} ${path}: HTTP ${response.status}: ${text.slice(0, 300)}`,
    );
  }
  const payload = value?.value;
  if (!response.ok || (payload && typeof payload === 'object' && 'error' in payload && payload.error)) {
    const code = payload?.error ?? `HTTP ${response.status}`;
    throw new WebDriverError(
      response.status,
      code,
      `WebDriver ${method} ${path}: ${code}: ${payload?.message ?? text.slice(0, 300)}`,
    );
  }
  return payload as T;
}

/** Waits until GET /status says the driver is ready. */
export async function waitUntilReady(base: string, timeoutMs: number, alive: () => boolean): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    if (!alive()) throw new Error('the WebDriver server exited while starting');
    try {
      const status = await request<{ ready?: boolean }>(base, 'GET', '/status', undefined, 2000);
      if (status?.ready !== false) return;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the WebDriver server at ${base} was not ready within ${timeoutMs} ms: ${String(last)}`);
}

export type Action = Record<string, unknown>;

export class WebDriverSession {
  constructor(
    readonly base: string,
    readonly id: string,
  ) {}

  static async create(
    base: string,
    capabilities: Record<string, unknown>,
    timeoutMs: number,
  ): Promise<WebDriverSession> {
    const value = await request<{ sessionId: string }>(
      base,
      'POST',
      '/session',
      { capabilities: { alwaysMatch: capabilities } },
      timeoutMs,
    );
    return new WebDriverSession(base, value.sessionId);
  }

  private call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, timeoutMs?: number): Promise<T> {
    return request<T>(this.base, method, `/session/${this.id}${path}`, body, timeoutMs);
  }

  navigate(url: string, timeoutMs = 60_000): Promise<void> {
    return this.call('POST', '/url', { url }, timeoutMs);
  }

  minimizeWindow(): Promise<unknown> {
    return this.call('POST', '/window/minimize', {});
  }

  setWindowRect(rect: {
    width?: number;
    height?: number;
    x?: number;
    y?: number;
  }): Promise<{ width: number; height: number; x: number; y: number }> {
    return this.call('POST', '/window/rect', rect);
  }

  /** Runs `script` (a function body: `return …`) in the current browsing context; a returned Promise is awaited. */
  execute<T>(script: string, args: unknown[]): Promise<T> {
    return this.call<T>('POST', '/execute/sync', { script, args });
  }

  performActions(actions: Action[]): Promise<void> {
    return this.call('POST', '/actions', { actions });
  }

  releaseActions(): Promise<void> {
    return this.call('DELETE', '/actions');
  }

  delete(timeoutMs = 10_000): Promise<void> {
    return this.call('DELETE', '', undefined, timeoutMs);
  }
}
