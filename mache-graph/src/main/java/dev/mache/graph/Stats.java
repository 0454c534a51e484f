package dev.mache.graph;

/** Counts of a snapshot, shown in README.txt and index summaries. */
public record Stats(long files, long constructs, long references, long nodes, String phase) {
}
