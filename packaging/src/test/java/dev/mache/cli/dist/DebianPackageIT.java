package dev.mache.cli.dist;

import dev.mache.cli.dist.Dist.Result;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The .deb: what it declares and holds, then dpkg -i, mache --version, dpkg -r and dpkg -P on this machine. */
@Tag("dist") // never run by surefire (before `package`), even when -Dtest matches it
class DebianPackageIT {
    @TempDir
    Path tmp;

    @Test
    void declaresAndHoldsTheInstallation() {
        Result info = Dist.run("dpkg-deb", "--field", Dist.deb().toString(), "Package", "Version", "Architecture",
                "Depends");
        assertEquals(0, info.status(), info.both());
        // Depends: the newest GLIBC_ symbol version of the bundled libraries (2.17 with Debian 12's gcc)
        assertTrue(info.output().matches("Package: mache\nVersion: " + Pattern.quote(Dist.debianVersion())
                + "\nArchitecture: amd64\nDepends: libc6 \\(>= 2\\.\\d+\\)\n"), info.output());
        // 0.1.0-SNAPSHOT is 0.1.0~snapshot: a pre-release, which dpkg orders before the release
        if (Dist.VERSION.endsWith("-SNAPSHOT")) {
            String release = Dist.VERSION.substring(0, Dist.VERSION.length() - "-SNAPSHOT".length());
            assertEquals(release + "~snapshot", Dist.debianVersion());
            assertEquals(0, Dist.run("dpkg", "--compare-versions", Dist.debianVersion(), "lt", release).status());
        }

        Result contents = Dist.run("dpkg-deb", "--contents", Dist.deb().toString());
        assertEquals(0, contents.status(), contents.both());
        String c = contents.output();
        for (String path : new String[] {" ./opt/mache/bin/mache\n", " ./opt/mache/runtime/bin/java\n",
                " ./opt/mache/lib/mache.jar\n", " ./usr/bin/mache -> /opt/mache/bin/mache\n",
                " ./lib/systemd/system/mache@.service\n", " ./etc/mache/example.conf\n"}) {
            assertTrue(c.contains(path), path.strip() + " in the package:\n" + c);
        }
        assertTrue(Pattern.compile("(?m)^-rwxr-xr-x root/root .* \\./opt/mache/bin/mache$").matcher(c).find(), c);
        Result conffiles = Dist.run("sh", "-c", "dpkg-deb --ctrl-tarfile '" + Dist.deb() + "' | tar -xOf - ./conffiles");
        assertEquals("/etc/mache/example.conf\n", conffiles.output(), conffiles.both());
    }

    @Test
    void installsRunsAndRemovesCleanly() throws Exception {
        if (!Dist.root()) {
            fail("dpkg -i needs root: run the distribution tests as root (CI does), or skip them with -DskipITs");
        }
        if (Dist.run("dpkg-query", "-W", "-f=${Status}", "mache").output().contains("installed")) {
            fail("a mache package is already installed on this machine; this test would replace and remove it: "
                    + "remove it first (dpkg -P mache)");
        }
        try {
            Result install = dpkg("-i", Dist.deb().toString());
            assertEquals(0, install.status(), install.both());
            assertEquals("/opt/mache/bin/mache", Files.readSymbolicLink(Path.of("/usr/bin/mache")).toString());

            Result version = Dist.run(Dist.NO_JDK, Duration.ofMinutes(1), "mache", "--version");
            assertEquals(0, version.status(), version.both());
            assertTrue(version.output().matches("mache " + Pattern.quote(Dist.VERSION) + " \\(Java 25[^)]*\\)\n"),
                    version.output());
            assertEquals("", version.error());

            // the unit as installed, its ExecStart now present
            if (Files.isExecutable(Path.of("/usr/bin/systemd-analyze"))) {
                Path unit = Files.copy(Path.of("/lib/systemd/system/mache@.service"), tmp.resolve("mache@example.service"));
                Result verify = Dist.run("systemd-analyze", "verify", unit.toString());
                assertEquals(new Result(0, "", ""), verify);
            }

            Result remove = dpkg("-r", "mache");
            assertEquals(0, remove.status(), remove.both());
            for (String gone : new String[] {"/opt/mache", "/usr/bin/mache", "/lib/systemd/system/mache@.service"}) {
                assertFalse(Files.exists(Path.of(gone), java.nio.file.LinkOption.NOFOLLOW_LINKS), gone + " after dpkg -r");
            }
            assertTrue(Files.exists(Path.of("/etc/mache/example.conf")), "a conffile stays until purge");
            Result purge = dpkg("-P", "mache");
            assertEquals(0, purge.status(), purge.both());
            assertFalse(Files.exists(Path.of("/etc/mache")), "/etc/mache after dpkg -P");
            assertFalse(Dist.run("dpkg-query", "-W", "-f=${Status}", "mache").output().contains("installed"));
        } finally {
            dpkg("-P", "mache");
        }
    }

    /**
     * dpkg, retried while another dpkg or apt (a helper installing test packages) holds dpkg's lock: dpkg has no
     * lock timeout of its own (apt's DPkg::Lock::Timeout is apt's), and fails at once with "… is locked".
     */
    private static Result dpkg(String... args) throws InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "dpkg";
        System.arraycopy(args, 0, command, 1, args.length);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            Result r = Dist.run(Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "LANG", "C.UTF-8"),
                    Duration.ofMinutes(5), command);
            if (r.status() == 0 || !r.both().contains("is locked by another process") || System.nanoTime() > deadline) {
                return r;
            }
            Thread.sleep(2000); // the holder is another process we cannot wait on
        }
    }
}
