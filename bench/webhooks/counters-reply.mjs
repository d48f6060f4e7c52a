/**
 * Answers the bench's counter requests (server-counters.ts) for a server process: its SQL messages
 * and requests so far, from `counts()`, and the CPU the whole process has used.
 */
export function replyWithCounters(counts) {
  process.on('message', (message) => {
    if (!message?.counters) return;
    const cpu = process.cpuUsage();
    process.send?.({ ...counts(), cpuMicros: cpu.user + cpu.system });
  });
}
