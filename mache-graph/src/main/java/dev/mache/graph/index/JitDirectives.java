package dev.mache.graph.index;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.ObjectName;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the reference resolver (with the loop that drives it, which C2 compiled with the resolver inlined, and the
 * call-chain typing it shares with extraction) out of C2, in C1's code; and two pieces of the JDK that C2 compiled
 * over and over during a bulk load for little: {@code java.util.TimSort} (many sorts of small lists with different
 * comparators: each new comparator type deoptimized the merges, 24 recompiles and ~0.8 s of C2 per JDK index) and
 * the class-file builder that spins the FFM and lambda classes at start (~0.2 s).
 *
 * <p>Why: a bulk load resolves every reference in a phase of a few seconds at its end. C2 compiled the resolver's
 * methods during that phase, on one of the two cores, for ~2 CPU-s, and its code ran little faster than C1's in
 * the time left: on the JDK corpus the phase's CPU fell from 7.1–8.4 s to 5.3–5.9 s with these methods excluded
 * from C2 (alternating runs, 2026-11-28). The directives ({@code c1-only.json}) are added through the JVM's
 * diagnostic command MBean ({@code Compiler.directives_add}), so every launcher and the tests get them; on a JVM
 * without it, or with the system property {@code mache.jit.noDirectives=true}, indexing runs unchanged.
 */
final class JitDirectives {
    private static final Logger LOG = LoggerFactory.getLogger(JitDirectives.class);
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private JitDirectives() {
    }

    /**
     * Adds the directives once per JVM, on a background thread: starting the platform MBean server takes ~0.3 s,
     * and the resolver is not compiled before the end of a load.
     */
    static void applyInBackground() {
        if (!STARTED.compareAndSet(false, true) || Boolean.getBoolean("mache.jit.noDirectives")) {
            return;
        }
        Thread t = new Thread(JitDirectives::apply, "mache-jit-directives");
        t.setDaemon(true);
        t.start();
    }

    /** Returns what the JVM answered, or an empty string when it could not be asked. */
    static String apply() {
        Path file = null;
        try (InputStream in = JitDirectives.class.getResourceAsStream("c1-only.json")) {
            if (in == null) {
                throw new IOException("c1-only.json is not on the class path");
            }
            file = Files.createTempFile("mache-jit", ".json");
            Files.write(file, in.readAllBytes());
            Object answer = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                    new Object[]{new String[]{file.toString()}}, new String[]{String[].class.getName()});
            LOG.debug("compiler directives: {}", String.valueOf(answer).strip());
            return String.valueOf(answer);
        } catch (Exception | LinkageError e) {
            LOG.debug("compiler directives not added ({}); the resolver is compiled as usual", e.toString());
            return "";
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temp file of a few hundred bytes
                }
            }
        }
    }
}
