/**
 * The one way to skip tests: for what this machine cannot run (an EventStoreDB server). When the
 * condition is unset the suite is skipped and the reason is printed loudly, never silently.
 */
export function describeWhen(condition: string | undefined | boolean, title: string, reason: string, fn: () => void): void {
  if (condition) {
    describe(title, fn);
    return;
  }
  const banner = `SKIPPED: ${title} — ${reason}`;
  process.stderr.write(`\n${'!'.repeat(banner.length)}\n${banner}\n${'!'.repeat(banner.length)}\n`);
  // eslint-disable-next-line jest/no-disabled-tests -- the one sanctioned skip, announced above
  describe.skip(title, fn);
}
