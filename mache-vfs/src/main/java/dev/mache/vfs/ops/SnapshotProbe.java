package dev.mache.vfs.ops;

import dev.mache.graph.Graph;
import dev.mache.graph.Snapshot;
import dev.mache.graph.Stats;

import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * Reads the served graph's newest snapshot when asked (a health check, a scrape): its generation, commit time and
 * counts are a few values of the store's metadata, so a probe costs one snapshot open.
 */
public final class SnapshotProbe implements Collector {
    private final Graph graph;
    private final LongSupplier epochNanos;

    public SnapshotProbe(Graph graph) {
        this(graph, () -> {
            java.time.Instant now = java.time.Instant.now();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        });
    }

    SnapshotProbe(Graph graph, LongSupplier epochNanos) {
        this.graph = graph;
        this.epochNanos = epochNanos;
    }

    public Health health() {
        try (Snapshot s = graph.open()) {
            Stats stats = s.stats();
            long committed = s.committedAtNanos();
            OptionalDouble age = committed > 0
                    ? OptionalDouble.of(Math.max(0, epochNanos.getAsLong() - committed) / 1e9)
                    : OptionalDouble.empty();
            return new Health.Serving(s.generation(), age, stats.files(), stats.constructs(), stats.references(),
                    stats.phase());
        } catch (RuntimeException e) {
            String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                    : e.getMessage();
            return new Health.Unavailable(why.lines().findFirst().orElse(why));
        }
    }

    @Override
    public void collect(Exposition out) {
        Health h = health();
        out.family("mache_store_up", "gauge", "1 when the served snapshot can be read, else 0.");
        out.sample("mache_store_up", h instanceof Health.Serving ? 1 : 0);
        if (!(h instanceof Health.Serving s)) {
            return;
        }
        out.family("mache_snapshot_generation", "gauge", "Generation of the served snapshot (grows with every commit).");
        out.sample("mache_snapshot_generation", s.generation());
        if (s.ageSeconds().isPresent()) {
            out.family("mache_snapshot_age_seconds", "gauge", "Seconds since the served snapshot was committed.");
            out.sample("mache_snapshot_age_seconds", s.ageSeconds().getAsDouble());
        }
        out.family("mache_index_files", "gauge", "Files in the served snapshot.");
        out.sample("mache_index_files", s.files());
        out.family("mache_index_constructs", "gauge", "Constructs in the served snapshot.");
        out.sample("mache_index_constructs", s.constructs());
        out.family("mache_index_references", "gauge", "References in the served snapshot.");
        out.sample("mache_index_references", s.references());
    }
}
