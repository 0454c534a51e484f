/**
 * What an operator watches: request counters and latency histograms per protocol and operation ({@link Metrics},
 * {@link OpMeter}), written in the Prometheus text exposition format 0.0.4 ({@link Exposition}); the served
 * snapshot's health, generation, age and counts ({@link SnapshotProbe}); the last index run ({@link IndexRuns});
 * and the WebDAV access log ({@link AccessLog}), one logfmt line per request ({@link Logfmt}).
 *
 * <p>The hot path is lock-free: a request adds to two {@link java.util.concurrent.atomic.LongAdder}s (its latency
 * bucket and the latency sum), plus one more when it fails. Everything else (snapshot gauges, sums, cumulative
 * buckets) is computed when {@code /_mache/metrics} is scraped. The servers take these through {@link Monitoring};
 * the NFS and WebDAV decorators that feed them live next to their servers.
 */
package dev.mache.vfs.ops;
