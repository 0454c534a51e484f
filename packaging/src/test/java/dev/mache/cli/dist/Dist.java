package dev.mache.cli.dist;

import dev.mache.cli.ServedAddresses;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The built distributions (from the failsafe configuration in packaging/pom.xml) and the processes the tests run
 * against them: commands with a clean environment, a running {@code mache serve}, and the real clients.
 */
final class Dist {
    private Dist() {
    }

    /** Where build-dist.sh wrote the distributions: packaging/target. */
    static final Path TARGET = Path.of(System.getProperty("mache.dist.dir", "target")).toAbsolutePath();
    static final String VERSION = System.getProperty("mache.version", "0.1.0-SNAPSHOT");
    static final Path FIXTURES = Path.of("../mache-graph/src/test/resources/fixtures").toAbsolutePath().normalize();

    /**
     * The environment of a machine without a JDK: no JAVA_HOME, a PATH of /usr/bin and /bin only (where the default
     * java of these machines is 17), and a HOME that does not exist (so no ~/.cache can be used).
     */
    static final Map<String, String> NO_JDK = noJdk(Path.of("/nonexistent"));

    /** {@link #NO_JDK} with another HOME. */
    static Map<String, String> noJdk(Path home) {
        return Map.of("PATH", "/usr/bin:/bin", "HOME", home.toString(), "LANG", "C.UTF-8");
    }

    static Path tarball() {
        return existing(TARGET.resolve("mache-" + VERSION + "-linux-x86_64.tar.gz"));
    }

    static String debianVersion() {
        return VERSION.toLowerCase(java.util.Locale.ROOT).replace('-', '~');
    }

    static Path deb() {
        return existing(TARGET.resolve("mache_" + debianVersion() + "_amd64.deb"));
    }

    /** The unpacked distribution the build staged (target/dist/mache-VERSION). */
    static Path staged() {
        return existing(TARGET.resolve("dist/mache-" + VERSION));
    }

    private static Path existing(Path p) {
        assertTrue(Files.exists(p), p + " is missing: build it with ./mvnw -B verify (not -Dmache.dist.skip=true)");
        return p;
    }

    /** Unpacks the tarball with tar into {@code dir}; returns the distribution's root, mache-VERSION. */
    static Path unpack(Path dir) {
        Result tar = run(Map.of(), Duration.ofMinutes(2), "tar", "-xzf", tarball().toString(), "-C", dir.toString());
        assertEquals(0, tar.status(), tar.output());
        return dir.resolve("mache-" + VERSION);
    }

    /** What a finished command printed (stdout and stderr apart). */
    record Result(int status, String output, String error) {
        String both() {
            return output + error;
        }
    }

    /** Runs a command with exactly {@code env} as its environment (nothing inherited) and waits for it. */
    static Result run(Map<String, String> env, Duration timeout, String... command) {
        try {
            Process p = start(env, command);
            p.getOutputStream().close();
            var err = drain(p.getErrorStream());
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not end within " + timeout);
            }
            err.join();
            return new Result(p.exitValue(), out, err.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command in the test's own environment. */
    static Result run(String... command) {
        return run(null, Duration.ofMinutes(2), command);
    }

    private static Process start(Map<String, String> env, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (env != null) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        return pb.start();
    }

    /** A stream read to its end on its own thread, its text available at any time and waitable. */
    static final class Drain extends Thread {
        private final InputStream in;
        private final StringBuilder text = new StringBuilder();

        Drain(InputStream in) {
            super("drain");
            setDaemon(true);
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    synchronized (this) {
                        text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }

        synchronized String text() {
            return text.toString();
        }

        /** Waits (no polling: woken by each read) until the text contains {@code wanted} or the stream ended. */
        synchronized boolean await(String wanted, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!text.toString().contains(wanted) && isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return text.toString().contains(wanted);
        }
    }

    private static Drain drain(InputStream in) {
        Drain d = new Drain(in);
        d.start();
        return d;
    }

    /** A running {@code mache serve}: its output so far and the addresses it printed. */
    record Served(Process process, Drain out, Drain err) implements AutoCloseable {
        static Served start(Map<String, String> env, String... command) throws Exception {
            Process p = Dist.start(env, command);
            p.getOutputStream().close();
            Served s = new Served(p, drain(p.getInputStream()), drain(p.getErrorStream()));
            if (!s.out.await("Ctrl-C stops.\n", Duration.ofMinutes(2))) {
                s.close();
                fail(String.join(" ", command) + " did not get ready: " + s.out.text() + s.err.text());
            }
            return s;
        }

        /** A libnfs URL of {@code path} on the NFS port it printed. */
        String nfs(String path) {
            return ServedAddresses.nfs(out.text(), path);
        }

        /** The WebDAV base URL it printed, without the trailing slash. */
        String dav() {
            return ServedAddresses.dav(out.text());
        }

        /** SIGTERM, as systemd and Ctrl-C stop it; the exit status. */
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The names nfs-ls (libnfs-utils) lists in a directory, sorted. */
    static List<String> nfsNames(String url) {
        Result r = run("nfs-ls", url);
        assertEquals(0, r.status(), r.both());
        List<String> names = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            if (!line.isBlank()) {
                names.add(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        names.sort(null); // READDIR order is the server's
        return names;
    }

    /** The hrefs of a curl PROPFIND with Depth 1, in the server's order; asserts the 207. */
    static List<String> propfindHrefs(String url) {
        Result r = run("curl", "-sS", "-X", "PROPFIND", "-H", "Depth: 1", "-o", "-", "-w", "\n%{http_code}", url);
        assertEquals(0, r.status(), r.both());
        assertTrue(r.output().endsWith("\n207"), r.output());
        List<String> hrefs = new ArrayList<>();
        Matcher m = Pattern.compile("<D:href>([^<]*)</D:href>").matcher(r.output());
        while (m.find()) {
            hrefs.add(m.group(1));
        }
        return hrefs;
    }

    /** curl GET: status code and body. */
    static Result get(String url) {
        Result r = run("curl", "-sS", "-o", "-", "-w", "\n%{http_code}", url);
        assertEquals(0, r.status(), r.both());
        int cut = r.output().lastIndexOf('\n');
        return new Result(Integer.parseInt(r.output().substring(cut + 1)), r.output().substring(0, cut), "");
    }

    /** Copies a fixture repository (every file) into {@code target}, readable by everyone. */
    static Path copyFixture(String lang, Path target) throws IOException {
        Path from = FIXTURES.resolve(lang);
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path to = target.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        Result chmod = run("chmod", "-R", "a+rX", target.toString());
        assertEquals(0, chmod.status(), chmod.both());
        return target;
    }

    /** Whether the tests run as root (dpkg -i, and running mache as another user, need it). */
    static boolean root() {
        return run("id", "-u").output().strip().equals("0");
    }
}
