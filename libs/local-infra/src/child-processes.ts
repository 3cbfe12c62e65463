import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A Node.js process to run: `node <args…>` with this environment. */
export interface ChildSpec {
  name: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
}

/** How a process ended: its exit code, or the signal that ended it. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Child {
  name: string;
  pid: number;
  startedAt: number;
  /** Resolves when the process has exited (never rejects). */
  exited: Promise<Exit>;
  /** Set once the process has exited. */
  exit?: Exit;
}

export interface ChildProcessesOptions {
  /** Each output line (stdout and stderr) of each process. */
  onOutput?: (name: string, line: string) => void;
  /** Every exit, expected or not; whoever started the process decides what it means. */
  onExit?: (child: Child, exit: Exit) => void;
}

/** What `stopAll` had to do: the processes that ignored SIGTERM for the whole grace and were killed. */
export interface StopReport {
  killed: string[];
}

/**
 * The platform's child processes: started, followed line by line, and stopped all at once with a
 * bound — SIGTERM to every live process, SIGKILL to whichever is still there after the grace.
 */
export class ChildProcesses {
  private readonly live = new Map<Child, ChildProcess>();

  constructor(private readonly opts: ChildProcessesOptions = {}) {}

  spawn(spec: ChildSpec): Child {
    const proc = spawn(process.execPath, [...spec.args], { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
    // readline keeps a line whole even when it arrives in two chunks.
    for (const stream of [proc.stdout!, proc.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        if (line.trim()) this.opts.onOutput?.(spec.name, line);
      });
    }
    const child: Child = { name: spec.name, pid: proc.pid ?? -1, startedAt: Date.now(), exited: Promise.resolve({ code: null, signal: null }) };
    child.exited = new Promise<Exit>((resolveExit) => {
      const done = (exit: Exit) => {
        if (child.exit) return;
        child.exit = exit;
        this.live.delete(child);
        this.opts.onExit?.(child, exit);
        resolveExit(exit);
      };
      proc.once('exit', (code, signal) => done({ code, signal }));
      // A process that could not even be spawned emits 'error' and maybe no 'exit'.
      proc.once('error', () => setImmediate(() => done({ code: proc.exitCode ?? 127, signal: null })));
    });
    this.live.set(child, proc);
    return child;
  }

  alive(): Child[] {
    return [...this.live.keys()];
  }

  /** SIGKILL to one process (one that never became ready, say); its exit is reported as any other. */
  kill(child: Child): void {
    this.live.get(child)?.kill('SIGKILL');
  }

  /** SIGTERM to every live process at once, SIGKILL after `graceMs` to those still running; resolves once all have exited. */
  async stopAll(graceMs: number): Promise<StopReport> {
    const stopping = [...this.live.entries()];
    for (const [, proc] of stopping) proc.kill('SIGTERM');
    const killed: string[] = [];
    const timer = setTimeout(() => {
      for (const [child, proc] of stopping) {
        if (child.exit) continue;
        killed.push(child.name);
        proc.kill('SIGKILL');
      }
    }, graceMs);
    await Promise.all(stopping.map(([child]) => child.exited));
    clearTimeout(timer);
    return { killed };
  }
}
