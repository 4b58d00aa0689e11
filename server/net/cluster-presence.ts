/**
 * Who is online, across the nodes of a cluster (issue 16). A player's sockets may sit on any
 * node, while the node serving the exercise projects the roster (who is online) for every hello
 * and patch. Each node tells the serving node which of an exercise's players it holds sockets
 * for: at once when one comes or goes, and again every `refreshMs` (so a node that took an
 * exercise over learns it, and a node that died drops out when its reports expire).
 */
import type { Cluster } from './cluster.ts';

export const PRESENCE = { refreshMs: 5000, expireMs: 15_000 };

/** What a node reports for one exercise: the players it holds sockets for now, and those it just lost. */
export interface PresenceReport {
  exerciseId: string;
  node: string;
  online: string[];
  offline: string[];
}

/** The serving node's view of the players other nodes hold sockets for. */
export class RemotePresence {
  /** playerId → node → when that node's report expires (ms). */
  private readonly held = new Map<string, Map<string, number>>();

  constructor(private readonly now: () => number = Date.now) {}

  record(report: PresenceReport): void {
    const until = this.now() + PRESENCE.expireMs;
    for (const playerId of report.online) {
      let nodes = this.held.get(playerId);
      if (!nodes) this.held.set(playerId, (nodes = new Map()));
      nodes.set(report.node, until);
    }
    for (const playerId of report.offline) {
      const nodes = this.held.get(playerId);
      nodes?.delete(report.node);
      if (nodes?.size === 0) this.held.delete(playerId);
    }
  }

  /** True while some other node's fresh report holds a socket of this player. */
  online(playerId: string): boolean {
    const nodes = this.held.get(playerId);
    if (!nodes) return false;
    const now = this.now();
    for (const [node, until] of nodes) if (until < now) nodes.delete(node);
    if (nodes.size === 0) this.held.delete(playerId);
    return nodes.size > 0;
  }
}

/**
 * Sends this node's reports to the serving nodes: `changed` for a player whose first socket came
 * or last went, and a refresh of everything held every `refreshMs`. Reports are volatile: one
 * that cannot be delivered is dropped (the next refresh repeats it).
 */
export class PresenceReporter {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly cluster: Cluster,
    private readonly held: () => Map<string, Set<string>>, // exerciseId → players with sockets here
  ) {}

  changed(exerciseId: string, playerId: string, online: boolean): void {
    this.send({
      exerciseId,
      node: this.cluster.bus.node,
      online: online ? [playerId] : [],
      offline: online ? [] : [playerId],
    });
  }

  start(): void {
    this.timer = setInterval(() => {
      for (const [exerciseId, players] of this.held())
        this.send({ exerciseId, node: this.cluster.bus.node, online: [...players], offline: [] });
    }, PRESENCE.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private send(report: PresenceReport): void {
    this.cluster.call('presence', report).catch(() => {});
  }
}
