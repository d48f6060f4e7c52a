import type { JobHandlerInstance } from './job-handler.decorator';

/**
 * Pairs every registered job kind with exactly one handler. A kind without a handler would sit in
 * Redis forever, and two handlers would race, so either stops the boot (as Immich's job setup does).
 */
export function buildHandlerMap(
  registeredJobs: readonly string[],
  discovered: ReadonlyArray<{ name: string; owner: string; instance: JobHandlerInstance }>,
): Map<string, JobHandlerInstance> {
  const problems: string[] = [];
  const handlers = new Map<string, JobHandlerInstance>();
  const owners = new Map<string, string[]>();
  for (const { name, owner, instance } of discovered) {
    if (!registeredJobs.includes(name)) problems.push(`${owner} handles "${name}", which is not in the queue registry`);
    owners.set(name, [...(owners.get(name) ?? []), owner]);
    handlers.set(name, instance);
  }
  for (const name of registeredJobs) {
    const found = owners.get(name) ?? [];
    if (found.length === 0) problems.push(`job "${name}" has no @JobHandler`);
    if (found.length > 1) problems.push(`job "${name}" has ${found.length} handlers: ${found.join(', ')}`);
  }
  if (problems.length > 0) throw new Error(`Queue registry check failed:\n  - ${problems.join('\n  - ')}`);
  return handlers;
}
