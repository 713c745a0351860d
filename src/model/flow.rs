//! Minimum-cost flow by successive shortest paths, for Suggest: integer capacities and costs
//! (negative costs allowed on a graph with no negative cycle), one unit at a time from the source,
//! stopping when another unit would no longer lower the total cost. The result is a flow of
//! minimum cost over all amounts of flow.
//!
//! Theory of operation: potentials make every residual edge's reduced cost non-negative, so each
//! shortest path is found by Dijkstra, which stops as soon as the sink is settled. The first
//! potentials come from Bellman-Ford (the graph Suggest builds has no cycles, so it settles in a
//! few rounds); after each search they are moved by the distances found (at most the sink's),
//! which keeps them valid. Ties are broken by node number, so the same
//! graph always gives the same flow.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// An edge and its residual twin.
#[derive(Clone, Copy, Debug)]
struct Edge {
    to: usize,
    /// Position of the reverse edge in `to`'s list.
    rev: usize,
    cap: i64,
    cost: i64,
}

/// A flow network.
#[derive(Clone, Debug, Default)]
pub struct Network {
    edges: Vec<Vec<Edge>>,
}

/// Where an edge was added, to read its flow back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EdgeRef {
    from: usize,
    index: usize,
}

impl Network {
    pub fn new(nodes: usize) -> Self {
        Self { edges: vec![Vec::new(); nodes] }
    }

    pub fn add_node(&mut self) -> usize {
        self.edges.push(Vec::new());
        self.edges.len() - 1
    }

    pub fn add_edge(&mut self, from: usize, to: usize, cap: i64, cost: i64) -> EdgeRef {
        let index = self.edges[from].len();
        let rev = self.edges[to].len() + usize::from(from == to);
        self.edges[from].push(Edge { to, rev, cap, cost });
        self.edges[to].push(Edge { to: from, rev: index, cap: 0, cost: -cost });
        EdgeRef { from, index }
    }

    /// The flow through an edge.
    pub fn flow(&self, edge: EdgeRef) -> i64 {
        let e = self.edges[edge.from][edge.index];
        self.edges[e.to][e.rev].cap
    }

    /// Sends flow from `source` to `sink` while it lowers the total cost; returns (flow, cost).
    pub fn min_cost_flow(&mut self, source: usize, sink: usize) -> (i64, i64) {
        let mut potential = self.bellman_ford(source);
        let (mut flow, mut cost) = (0, 0);
        loop {
            let dist = self.dijkstra(source, sink, &potential);
            if dist[sink] == i64::MAX {
                break;
            }
            // The search stopped at the sink: nodes further than it move by the sink's distance,
            // which keeps every reduced cost non-negative.
            let reach = dist[sink];
            for (p, d) in potential.iter_mut().zip(&dist) {
                *p += (*d).min(reach);
            }
            let path_cost = potential[sink] - potential[source];
            if path_cost >= 0 {
                break;
            }
            // Every path of edges with no reduced cost is a cheapest path: fill them all.
            let pushed = self.fill_cheapest_paths(source, sink, &potential);
            flow += pushed;
            cost += pushed * path_cost;
        }
        (flow, cost)
    }

    /// Whether an edge with room lies on a cheapest path (its reduced cost is nothing).
    fn admissible(&self, u: usize, e: &Edge, potential: &[i64]) -> bool {
        e.cap > 0 && e.cost + potential[u] - potential[e.to] == 0
    }

    /// A maximal flow over the admissible edges (Dinic: levels by breadth-first search, then
    /// paths found without recursion); returns how much was sent.
    fn fill_cheapest_paths(&mut self, source: usize, sink: usize, potential: &[i64]) -> i64 {
        let n = self.edges.len();
        let mut total = 0;
        loop {
            let mut level = vec![usize::MAX; n];
            level[source] = 0;
            let mut queue = std::collections::VecDeque::from([source]);
            while let Some(u) = queue.pop_front() {
                for e in &self.edges[u] {
                    if level[e.to] == usize::MAX && self.admissible(u, e, potential) {
                        level[e.to] = level[u] + 1;
                        queue.push_back(e.to);
                    }
                }
            }
            if level[sink] == usize::MAX {
                return total;
            }
            total += self.blocking_flow(source, sink, &level, potential);
        }
    }

    /// Sends flow along admissible edges that go one level further, until no such path is left.
    fn blocking_flow(&mut self, source: usize, sink: usize, level: &[usize], potential: &[i64]) -> i64 {
        let mut next = vec![0usize; self.edges.len()];
        let mut path: Vec<(usize, usize)> = Vec::new();
        let (mut u, mut total) = (source, 0);
        loop {
            if u == sink {
                let push = path.iter().map(|(a, i)| self.edges[*a][*i].cap).min().unwrap_or(0);
                for (a, i) in path.drain(..) {
                    let Edge { to, rev, .. } = self.edges[a][i];
                    self.edges[a][i].cap -= push;
                    self.edges[to][rev].cap += push;
                }
                total += push;
                u = source;
                continue;
            }
            let forward = (next[u]..self.edges[u].len()).find(|i| {
                let e = &self.edges[u][*i];
                level[e.to] == level[u] + 1 && self.admissible(u, e, potential)
            });
            match forward {
                Some(i) => {
                    next[u] = i;
                    path.push((u, i));
                    u = self.edges[u][i].to;
                }
                None => {
                    // A dead end: never try it again this round.
                    next[u] = self.edges[u].len();
                    let Some((back, i)) = path.pop() else { return total };
                    next[back] = i + 1;
                    u = back;
                }
            }
        }
    }

    /// Shortest distances from `source` over edges with room, by Bellman-Ford.
    fn bellman_ford(&self, source: usize) -> Vec<i64> {
        let n = self.edges.len();
        let mut dist = vec![i64::MAX; n];
        dist[source] = 0;
        for _ in 0..n {
            let mut changed = false;
            for u in 0..n {
                if dist[u] == i64::MAX {
                    continue;
                }
                for e in &self.edges[u] {
                    if e.cap > 0 && dist[u] + e.cost < dist[e.to] {
                        dist[e.to] = dist[u] + e.cost;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        // Unreachable nodes keep a potential of 0: they stay unreachable.
        dist.iter().map(|d| if *d == i64::MAX { 0 } else { *d }).collect()
    }

    /// Dijkstra over reduced costs, stopping once the sink is settled; returns the distances
    /// (final up to the sink's).
    fn dijkstra(&self, source: usize, sink: usize, potential: &[i64]) -> Vec<i64> {
        let n = self.edges.len();
        let mut dist = vec![i64::MAX; n];
        let mut heap = BinaryHeap::new();
        dist[source] = 0;
        heap.push(Reverse((0, source)));
        while let Some(Reverse((d, u))) = heap.pop() {
            if d > dist[u] {
                continue;
            }
            if u == sink {
                break;
            }
            for e in &self.edges[u] {
                if e.cap <= 0 {
                    continue;
                }
                let reduced = e.cost + potential[u] - potential[e.to];
                let next = d + reduced;
                if next < dist[e.to] {
                    dist[e.to] = next;
                    heap.push(Reverse((next, e.to)));
                }
            }
        }
        dist
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cheapest_flow_is_found_and_unprofitable_flow_left() {
        // Two workers, two jobs: worker 0 does job 0 for -5 or job 1 for -4; worker 1 can do only
        // job 0, for -3. The best is 0 to job 1 and 1 to job 0: -7.
        let mut net = Network::new(6);
        let (s, t) = (4, 5);
        net.add_edge(s, 0, 1, 0);
        net.add_edge(s, 1, 1, 0);
        let a = net.add_edge(0, 2, 1, -5);
        let b = net.add_edge(0, 3, 1, -4);
        let c = net.add_edge(1, 2, 1, -3);
        net.add_edge(2, t, 1, 0);
        net.add_edge(3, t, 1, 0);
        assert_eq!(net.min_cost_flow(s, t), (2, -7));
        assert_eq!((net.flow(a), net.flow(b), net.flow(c)), (0, 1, 1));

        // A path that would cost more than nothing is not taken.
        let mut net = Network::new(3);
        net.add_edge(0, 1, 1, 2);
        net.add_edge(1, 2, 1, 0);
        assert_eq!(net.min_cost_flow(0, 2), (0, 0));
    }
}
