package dev.mache.cli;

import java.io.PrintStream;

/**
 * What every subcommand shares: where output goes, the store, and whether stderr is a terminal (then long runs show
 * a progress line).
 */
public record Cli(GraphStore store, PrintStream out, PrintStream err, boolean terminal) {
}
