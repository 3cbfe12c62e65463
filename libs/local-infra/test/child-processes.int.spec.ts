import { resolve } from 'node:path';
import { ChildProcesses, type Child } from '../src';

const REPO = resolve(__dirname, '../../..');
const fixture = (name: string) => ({
  name,
  args: [resolve(REPO, 'scripts/run-ts.js'), resolve(__dirname, `fixtures/${name.replace(/-\d+$/, '')}.fixture.ts`)],
  cwd: REPO,
  env: process.env,
});
const gone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};

/** Real child processes: the launcher's way of stopping them, bounded whatever they do. */
describe('stopping the platform processes', () => {
  it('stops every process at once, and SIGKILLs one that ignores SIGTERM after the grace', async () => {
    const lines: string[] = [];
    const procs = new ChildProcesses({ onOutput: (name, line) => lines.push(`${name} ${line}`) });
    const children: Child[] = ['stuck-on-stop-1', 'stuck-on-stop-2', 'idle-1'].map((n) => procs.spawn(fixture(n)));
    const deadline = Date.now() + 60_000;
    while (!children.every((c) => lines.includes(`${c.name} ready`))) {
      if (Date.now() > deadline) throw new Error(`fixtures not ready: ${lines.join('\n')}`);
      await new Promise((r) => setTimeout(r, 50));
    }

    const t0 = Date.now();
    const report = await procs.stopAll(1500);
    const elapsed = Date.now() - t0;

    expect(report.killed.sort()).toEqual(['stuck-on-stop-1', 'stuck-on-stop-2']);
    expect(children.map((c) => c.exit)).toEqual([
      { code: null, signal: 'SIGKILL' },
      { code: null, signal: 'SIGKILL' },
      { code: null, signal: 'SIGTERM' },
    ]);
    expect(lines).toContain('stuck-on-stop-1 SIGTERM received, still busy');
    for (const c of children) expect(gone(c.pid)).toBe(true);
    expect(procs.alive()).toEqual([]);
    // One grace for all, not one per stuck process (generous: 1.5 s of grace, two stuck processes).
    expect(elapsed).toBeLessThan(10_000);
  });

  it('reports every exit, and stopping nothing is immediate', async () => {
    const exits: string[] = [];
    const procs = new ChildProcesses({ onExit: (c, e) => exits.push(`${c.name} ${e.signal ?? e.code}`) });
    const child = procs.spawn(fixture('idle-1'));
    process.kill(child.pid, 'SIGKILL');
    await child.exited;
    expect(exits).toEqual(['idle-1 SIGKILL']);
    expect(await procs.stopAll(1000)).toEqual({ killed: [] });
  });
});
