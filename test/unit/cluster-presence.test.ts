/** Presence across cluster nodes (issue 16): what the serving node keeps of other nodes' reports. */
import { describe, expect, it } from 'vitest';
import { PRESENCE, RemotePresence } from '../../server/net/cluster-presence.ts';

describe('RemotePresence', () => {
  it('a player is online while some node reports a socket, and offline once every node lost it', () => {
    let now = 1000;
    const remote = new RemotePresence(() => now);
    remote.record({ exerciseId: 'e', node: 'b', online: ['p1', 'p2'], offline: [] });
    remote.record({ exerciseId: 'e', node: 'c', online: ['p1'], offline: [] });
    expect([remote.online('p1'), remote.online('p2'), remote.online('p3')]).toEqual([true, true, false]);
    remote.record({ exerciseId: 'e', node: 'b', online: [], offline: ['p1', 'p2'] });
    expect([remote.online('p1'), remote.online('p2')]).toEqual([true, false]); // c still holds p1
    remote.record({ exerciseId: 'e', node: 'c', online: [], offline: ['p1'] });
    expect(remote.online('p1')).toBe(false);
  });

  it('a node that stops reporting (it died) drops out when its report expires; a refresh keeps it', () => {
    let now = 0;
    const remote = new RemotePresence(() => now);
    remote.record({ exerciseId: 'e', node: 'dead', online: ['p1'], offline: [] });
    remote.record({ exerciseId: 'e', node: 'alive', online: ['p2'], offline: [] });
    now = PRESENCE.expireMs - PRESENCE.refreshMs;
    remote.record({ exerciseId: 'e', node: 'alive', online: ['p2'], offline: [] }); // its refresh
    now = PRESENCE.expireMs + 1;
    expect(remote.online('p1')).toBe(false);
    expect(remote.online('p2')).toBe(true);
  });
});
