package dev.mache.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the capnp tool (Debian package capnproto; CI installs it, so its absence fails the test). */
public final class Capnp {
    private Capnp() {
    }

    /** The capnp files, from the schemas module itself or from a sibling module such as mache-ipc. */
    public static final Path SCHEMA_DIR = java.nio.file.Files.isDirectory(Path.of("src/main/capnp"))
            ? Path.of("src/main/capnp").toAbsolutePath()
            : Path.of("../schemas/src/main/capnp").toAbsolutePath().normalize();

    /** Runs {@code capnp args...} in {@code dir} with {@code stdin}, returns stdout; fails on a non-zero exit. */
    public static byte[] run(Path dir, byte[] stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("capnp");
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("capnp is not installed (apt-get install -y --no-install-recommends capnproto)", e);
        }
        Thread feeder = Thread.ofVirtual().start(() -> {
            try (var out = p.getOutputStream()) {
                out.write(stdin);
            } catch (IOException ignored) {
                // capnp exited early; its stderr says why
            }
        });
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errReader = Thread.ofVirtual().start(() -> {
            try (InputStream e = p.getErrorStream()) {
                e.transferTo(err);
            } catch (IOException ignored) {
                // nothing to report
            }
        });
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("capnp timed out: " + cmd);
        }
        feeder.join();
        errReader.join();
        if (p.exitValue() != 0) {
            throw new AssertionError("capnp failed (" + p.exitValue() + "): " + cmd + "\n" + err);
        }
        return out;
    }
}
