package dev.mache.cli.dist;

import dev.mache.cli.dist.Dist.Result;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The systemd unit and the sample configuration as the distributions ship them (share/ of the tarball). systemd's
 * own parser checks the unit: `systemd-analyze verify` works in a container without a running systemd (it loads
 * the unit offline and checks that ExecStart is executable), so it is required, not skipped.
 */
@Tag("dist") // never run by surefire (before `package`), even when -Dtest matches it
class ServiceFilesIT {
    @TempDir
    Path tmp;

    private static final String UNIT = "share/systemd/mache@.service";

    /** systemd-analyze verify of an instance (a template itself is not checked), ExecStart pointed at {@code bin}. */
    private Result verify(String unit, Path bin) throws IOException {
        Path file = tmp.resolve("mache@example.service");
        Files.writeString(file, unit.replace("/opt/mache/bin/mache", bin.toString()));
        return Dist.run("systemd-analyze", "verify", file.toString());
    }

    @Test
    void systemdAcceptsTheUnit() throws IOException {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")),
                "systemd-analyze is missing: install the Debian package systemd (scripts/install-test-deps.sh)");
        String unit = Files.readString(Dist.staged().resolve(UNIT));
        Path bin = Dist.staged().resolve("bin/mache");
        // no output at all: unknown keys and bad values are only warnings, with exit status 0
        assertEquals(new Result(0, "", ""), verify(unit, bin));

        // and the check is not vacuous: a bad value is reported
        Result bad = verify(unit.replace("ProtectSystem=strict", "ProtectSystem=stricter"), bin);
        assertTrue(bad.error().contains("Failed to parse protect system value, ignoring: stricter"), bad.both());
    }

    /** The unit's sections and keys (a key given twice keeps every value, in order). */
    private static Map<String, Map<String, List<String>>> parse(String unit) {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> current = null;
        for (String line : unit.split("\n")) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1), s -> new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            assertTrue(current != null && eq > 0, "not a key=value line in a section: " + line);
            current.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
        }
        return sections;
    }

    @Test
    void unitServesOneConfiguredTreeAsAConfinedTransientUser() throws IOException {
        var unit = parse(Files.readString(Dist.staged().resolve(UNIT)));
        assertEquals(List.of("Unit", "Service", "Install"), List.copyOf(unit.keySet()));
        var service = unit.get("Service");
        assertEquals(List.of("/opt/mache/bin/mache serve --config /etc/mache/%i.conf"), service.get("ExecStart"));
        assertEquals(List.of("/etc/mache/%i.conf"), unit.get("Unit").get("AssertPathExists"));
        assertEquals(List.of("\"MACHE_JAVA_OPTS=-Duser.home=/var/lib/mache -XX:+ExitOnOutOfMemoryError\""),
                service.get("Environment"));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("DynamicUser", "yes");
        expected.put("StateDirectory", "mache");
        expected.put("CacheDirectory", "mache");
        expected.put("ProtectSystem", "strict");
        expected.put("ProtectHome", "read-only");
        expected.put("ReadOnlyPaths", "/etc/mache");
        expected.put("PrivateTmp", "yes");
        expected.put("NoNewPrivileges", "yes");
        expected.put("CapabilityBoundingSet", "");
        expected.put("RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX");
        expected.put("SystemCallFilter", "@system-service");
        expected.forEach((key, value) -> assertEquals(List.of(value), service.get(key), key));
        assertTrue(!service.containsKey("MemoryDenyWriteExecute"), "the JVM's JIT needs writable code");
        assertEquals(List.of("multi-user.target"), unit.get("Install").get("WantedBy"));
    }

    @Test
    void sampleConfigurationHoldsTheServeKeys() throws IOException {
        Properties sample = new Properties();
        sample.load(new StringReader(Files.readString(Dist.staged().resolve("share/mache.conf.sample"))));
        assertEquals(new TreeSet<>(List.of("source", "bind", "nfs.port", "dav.port", "log.level")),
                new TreeSet<>(sample.stringPropertyNames()));
        assertEquals("127.0.0.1", sample.getProperty("bind"));
        assertEquals("20490", sample.getProperty("nfs.port"));
        assertEquals("8080", sample.getProperty("dav.port"));
        // the .deb installs the same file as /etc/mache/example.conf, the tarball keeps it in share/
        assertEquals(Files.readString(Path.of("src/dist/mache.conf.sample")),
                Files.readString(Dist.staged().resolve("share/mache.conf.sample")));
    }
}
