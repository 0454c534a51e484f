/**
 * Watching a source tree for edits: {@link dev.mache.graph.watch.TreeWatcher} turns file system events (the JDK
 * WatchService, or a stat-polling fallback) into debounced {@link dev.mache.graph.watch.ChangeBatch batches} of
 * changed repository paths, skipping {@code .git/} and what {@code .gitignore} excludes, so a caller can re-index
 * once per batch.
 */
package dev.mache.graph.watch;
