package dev.mache.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A long-running command ({@code serve}, {@code daemon}) run in-process in the background, up once it printed its
 * ready line ("Ctrl-C stops." unless told otherwise). Every CLI test that serves goes through this one class.
 */
record ServeRun(CompletableFuture<Integer> status, ServeTest.Capture out, ServeTest.Capture err, CountDownLatch stop) {

    /** Runs {@code args} on a SQLite store until it says "Ctrl-C stops.". */
    static ServeRun start(String... args) throws InterruptedException {
        return startUntil(new SqliteStore(), "Ctrl-C stops.\n", args);
    }

    /** Runs {@code args} on {@code store} until it says "Ctrl-C stops.". */
    static ServeRun start(GraphStore store, String... args) throws InterruptedException {
        return startUntil(store, "Ctrl-C stops.\n", args);
    }

    /** Runs {@code args} on {@code store} until its output holds {@code ready}. */
    static ServeRun startUntil(GraphStore store, String ready, String... args) throws InterruptedException {
        ServeTest.Capture out = new ServeTest.Capture();
        ServeTest.Capture err = new ServeTest.Capture();
        CountDownLatch stop = new CountDownLatch(1);
        Cli cli = new Cli(store, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, stop);
        // its own thread: the common pool may have a single worker on a small machine
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> Main.run(args, cli),
                task -> Thread.ofPlatform().daemon().name("mache-" + args[0]).start(task));
        assertTrue(out.await(ready, status, TimeUnit.SECONDS.toNanos(120)),
                () -> String.join(" ", args) + " did not start: " + out.text() + err.text());
        return new ServeRun(status, out, err, stop);
    }

    int stopAndWait() throws Exception {
        stop.countDown();
        return status.get(30, TimeUnit.SECONDS);
    }

    /** A libnfs URL of {@code path} on the NFS port it printed. */
    String nfs(String path) {
        return ServedAddresses.nfs(out.text(), path);
    }

    /** The WebDAV base URL it printed, without the trailing slash. */
    String dav() {
        return ServedAddresses.dav(out.text());
    }
}
