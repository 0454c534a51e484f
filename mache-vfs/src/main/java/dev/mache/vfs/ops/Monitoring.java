package dev.mache.vfs.ops;

import dev.mache.graph.Graph;

import java.util.function.Supplier;

/**
 * What the servers of one process report to: the metrics registry, the health check of {@code /_mache/health}, and
 * the WebDAV access log.
 */
public record Monitoring(Metrics metrics, Supplier<Health> health, AccessLog accessLog) {

    /**
     * Monitoring of a process that serves {@code graph}: the snapshot's gauges and {@code runs} are part of every
     * scrape, and the health check reads the snapshot.
     */
    public static Monitoring of(Graph graph, IndexRuns runs, AccessLog accessLog) {
        Metrics metrics = new Metrics();
        SnapshotProbe probe = new SnapshotProbe(graph);
        metrics.register(probe);
        if (runs != null) {
            metrics.register(runs);
        }
        return new Monitoring(metrics, probe::health, accessLog);
    }
}
