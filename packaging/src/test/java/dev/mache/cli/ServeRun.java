package dev.mache.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A long-running command ({@code serve}) run in-process in the background, up once it printed "Ctrl-C stops.". */
record ServeRun(CompletableFuture<Integer> status, ServeTest.Capture out, ServeTest.Capture err, CountDownLatch stop) {

    static ServeRun start(GraphStore store, String... args) throws InterruptedException {
        ServeTest.Capture out = new ServeTest.Capture();
        ServeTest.Capture err = new ServeTest.Capture();
        CountDownLatch stop = new CountDownLatch(1);
        Cli cli = new Cli(store, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, stop);
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> Main.run(args, cli),
                task -> Thread.ofPlatform().daemon().name("mache-" + args[0]).start(task));
        assertTrue(out.await("Ctrl-C stops.\n", status, TimeUnit.SECONDS.toNanos(90)),
                () -> String.join(" ", args) + " did not start: " + out.text() + err.text());
        return new ServeRun(status, out, err, stop);
    }

    int stopAndWait() throws Exception {
        stop.countDown();
        return status.get(30, TimeUnit.SECONDS);
    }
}
