/** What the engines provider needs of a browser: one page, script in it, and real input. */

/** Media features an engine was launched with (Firefox and WebKit cannot change them later). */
export interface LaunchMedia {
  'prefers-reduced-motion'?: 'reduce' | 'no-preference';
  'prefers-color-scheme'?: 'light' | 'dark';
}

export interface Viewport {
  width: number;
  height: number;
}

export interface Engine {
  readonly name: 'firefox' | 'webkit';
  /** A version string for messages, e.g. "Firefox 153.8.0esr". */
  readonly version: string;
  /** Navigates the engine's single page (the Vitest orchestrator) to `url`. */
  open(url: string): Promise<void>;
  /**
   * Runs `source`, the source text of a plain-JS function (nothing from outside it), in the top
   * page with `args` (JSON values); a returned Promise is awaited.
   */
  evaluate<T>(source: string, args: unknown[]): Promise<T>;
  /** Real pointer and keys, in CSS pixels of the top page's viewport. */
  pointerMove(x: number, y: number): Promise<void>;
  click(x: number, y: number, options: { button: 'left' | 'middle' | 'right'; count: number }): Promise<void>;
  /** A key by its `KeyboardEvent.key` value ("Enter", "a", " ", "Shift"…). */
  keyDown(key: string): Promise<void>;
  keyUp(key: string): Promise<void>;
  /** Really hides the page (another tab in front, or the window minimized), or shows it again. */
  setHidden(hidden: boolean): Promise<void>;
  close(): Promise<void>;
}
