package dev.mache.cli;

import java.io.PrintStream;

/**
 * One updating line on a terminal ({@code [done/total] path}), redrawn at most ten times a second and erased when
 * done. Off a terminal it prints nothing, so scripts and logs see only the summary.
 */
final class ProgressLine implements GraphStore.Progress, AutoCloseable {
    private static final int WIDTH = 100;
    private static final long INTERVAL_NANOS = 100_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private long lastDraw;
    private boolean drawn;

    ProgressLine(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public synchronized void update(long done, long total, String path) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (drawn && now - lastDraw < INTERVAL_NANOS && done < total) {
            return;
        }
        lastDraw = now;
        drawn = true;
        String head = "[" + done + "/" + total + "] ";
        String p = path == null ? "" : path;
        int room = WIDTH - head.length();
        if (p.length() > room) {
            p = "…" + p.substring(p.length() - room + 1);
        }
        err.print("\r\033[K" + head + p);
        err.flush();
    }

    @Override
    public synchronized void close() {
        if (enabled && drawn) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
