import { buildHandlerMap } from './job-handler-registry';

const handler = { handle: async () => undefined };

describe('buildHandlerMap', () => {
  it('pairs every registered job with its one handler', () => {
    const map = buildHandlerMap(['a', 'b'], [
      { name: 'a', owner: 'AJob', instance: handler },
      { name: 'b', owner: 'BJob', instance: handler },
    ]);
    expect([...map.keys()].sort()).toEqual(['a', 'b']);
  });

  it('stops the boot when a registered job has no handler', () => {
    expect(() => buildHandlerMap(['a', 'b'], [{ name: 'a', owner: 'AJob', instance: handler }])).toThrow('job "b" has no @JobHandler');
  });

  it('stops the boot when a job has two handlers', () => {
    expect(() =>
      buildHandlerMap(['a'], [
        { name: 'a', owner: 'AJob', instance: handler },
        { name: 'a', owner: 'OtherAJob', instance: handler },
      ]),
    ).toThrow('job "a" has 2 handlers: AJob, OtherAJob');
  });

  it('stops the boot when a handler names a job the registry does not know', () => {
    expect(() => buildHandlerMap([], [{ name: 'ghost', owner: 'GhostJob', instance: handler }])).toThrow('GhostJob handles "ghost"');
  });
});
