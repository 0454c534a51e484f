package dev.mache.vfs.ops;

/** Metrics computed when scraped (snapshot gauges, index runs): writes its families to the exposition. */
@FunctionalInterface
public interface Collector {
    void collect(Exposition out);
}
