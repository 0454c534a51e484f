package dev.mache.cli;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * What every subcommand shares: where output goes, the store, whether stderr is a terminal (then long runs show a
 * progress line), and the signal that stops a server ({@code mache serve} runs until it is counted down, or until
 * the process is interrupted).
 */
public record Cli(GraphStore store, PrintStream out, PrintStream err, boolean terminal, CountDownLatch stop) {

    public Cli(GraphStore store, PrintStream out, PrintStream err, boolean terminal) {
        this(store, out, err, terminal, new CountDownLatch(1));
    }
}
