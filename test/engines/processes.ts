/**
 * Child processes of the engines provider (Xvfb, WebKitWebDriver): started with a deadline, ended
 * by their own id (never by name), and ended when Node exits by any road, so that a crashed or
 * interrupted run leaves nothing behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const live = new Set<ChildProcess>();
const atExit = new Set<() => void>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // `exit` handlers must be synchronous: a SIGTERM to each child still running (Xvfb then
  // removes its lock file, and takes MiniBrowser down with it).
  process.on('exit', () => {
    for (const child of live) child.kill('SIGTERM');
    for (const cleanup of atExit) {
      try {
        cleanup();
      } catch {
        // One failed cleanup must not stop the others.
      }
    }
  });
}

/** Runs `cleanup` (synchronous) when Node exits, unless the returned function is called first. */
export function onExit(cleanup: () => void): () => void {
  installExitHook();
  atExit.add(cleanup);
  return () => {
    atExit.delete(cleanup);
    cleanup();
  };
}

/** Spawns a child that is tracked (killed on exit) and whose stderr is kept for error messages. */
export function startProcess(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; extraFds?: number } = {},
): { child: ChildProcess; output: () => string } {
  installExitHook();
  const stdio: Array<'ignore' | 'pipe'> = ['ignore', 'pipe', 'pipe'];
  for (let i = 0; i < (options.extraFds ?? 0); i++) stdio.push('pipe');
  const child = spawn(command, args, { env: options.env ?? process.env, stdio });
  live.add(child);
  child.once('exit', () => live.delete(child));
  child.once('error', () => live.delete(child));
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => output.trim() };
}

/** Ends a child: SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
export async function stopProcess(child: ChildProcess | undefined, graceMs = 3000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Rejects after `ms` with `message`, for anything that could otherwise wait forever. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts Xvfb on a display number it picks itself (-displayfd: the first free one, checked
 * against the lock files and sockets of running X servers) and resolves with ":<n>" once the
 * server accepts clients.
 */
export async function startXvfb(
  xvfb = 'Xvfb',
  screen = '1600x1200x24',
): Promise<{ child: ChildProcess; display: string }> {
  // fd 3 is where Xvfb writes the display number when it is ready.
  const { child, output } = startProcess(xvfb, ['-displayfd', '3', '-screen', '0', screen, '-nolisten', 'tcp'], {
    extraFds: 1,
  });
  const fd3 = child.stdio[3] as NodeJS.ReadableStream | null;
  const ready = new Promise<string>((resolve, reject) => {
    let text = '';
    fd3?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /^(\d+)\s*\n/.exec(text);
      if (match) resolve(`:${match[1]}`);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`Xvfb exited (${code ?? signal}) before it was ready: ${output()}`)),
    );
  });
  try {
    const display = await withTimeout(ready, 15_000, 'Xvfb did not report a display within 15 s');
    return { child, display };
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
}

/** The state letter and parent of a process from /proc (Linux), or null once it is gone. */
function procStat(pid: number): { state: string; ppid: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: state ?? '?', ppid: Number(ppid) };
  } catch {
    return null;
  }
}

/** All processes below `pid` now (children, grandchildren…), from /proc; empty elsewhere. */
export function descendantsOf(pid: number | undefined): number[] {
  if (pid === undefined) return [];
  let pids: number[];
  try {
    pids = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const p of pids) {
    const stat = procStat(p);
    if (stat) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), p]);
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * Waits until each of `pids` has exited (gone, or a zombie left for its parent or init to reap);
 * with `kill`, SIGKILLs any still running after `ms` (processes this provider started, through
 * the driver).
 */
export async function reapAll(pids: number[], ms = 5000, kill = true): Promise<void> {
  const running = () =>
    pids.filter((pid) => {
      const stat = procStat(pid);
      return stat !== null && stat.state !== 'Z' && stat.state !== 'X';
    });
  const end = Date.now() + ms;
  while (running().length && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  if (!kill) return;
  for (const pid of running()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
