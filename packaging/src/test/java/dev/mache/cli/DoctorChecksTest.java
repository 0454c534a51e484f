package dev.mache.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The single checks of {@code mache doctor}, on states a test cannot give the whole process. */
class DoctorChecksTest {
    @TempDir
    Path tmp;

    @Test
    void anOldJavaFails() {
        assertEquals("FAIL  java: Java 21.0.2+13 (Acme) at /opt/jdk21: mache needs Java 25 or newer; use the runtime "
                        + "bundled in the mache tarball, or set JAVA_HOME to a JDK 25",
                Doctor.java(Runtime.Version.parse("21.0.2+13"), "Acme", "/opt/jdk21").line());
        assertEquals("ok    java: Java 26-ea (Acme) at /opt/jdk26",
                Doctor.java(Runtime.Version.parse("26-ea"), "Acme", "/opt/jdk26").line());
    }

    @Test
    void nativeAccessOffIsAWarning() {
        assertEquals("warn  native access: not enabled: Java warns on first use and a future Java refuses; start it "
                + "with --enable-native-access=ALL-UNNAMED (bin/mache and `java -jar mache.jar` do)",
                Doctor.nativeAccess(false).line());
    }

    @Test
    void socketDirectories() throws Exception {
        String user = System.getProperty("user.name");
        assertEquals("ok    socket directory: " + tmp.resolve("new") + " does not exist yet; the daemon creates it "
                + "(0700)", Doctor.socketDirectory(tmp.resolve("new"), user).line());
        Path file = Files.writeString(tmp.resolve("file"), "");
        assertEquals("FAIL  socket directory: " + file + " is not a directory: remove it or give --socket PATH",
                Doctor.socketDirectory(file, user).line());
        Path mine = Files.createDirectory(tmp.resolve("mine"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        assertEquals("FAIL  socket directory: " + mine + " belongs to " + user + ", not somebody-else: other users "
                + "could reach the daemon; use a directory of your own (--socket PATH)",
                Doctor.socketDirectory(mine, "somebody-else").line());
    }

    @Test
    void aStoreThatIsNotAMacheStoreFails() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.db"), "not a database at all, just text\n");
        assertEquals("FAIL  store: " + text + " is not a mache store ([SQLITE_NOTADB] File opened that is not a "
                + "database file (file is not a database)): delete it and re-index, or give the right --db",
                Doctor.store(new SqliteStore(), text, false).line());
        assertEquals("warn  store: " + tmp.resolve("later.db") + " does not exist yet: `mache serve` or `mache index` "
                + "creates it", Doctor.store(new SqliteStore(), tmp.resolve("later.db"), true).line());
    }

    @Test
    void thePortOfAnotherAddressCannotBeBound() {
        // 203.0.113.254 (TEST-NET-3, documentation only) is no address of this machine
        assertEquals("FAIL  nfs port: cannot listen on 203.0.113.254:0 (Cannot assign requested address): use an address "
                + "of this machine in --bind", Doctor.port("nfs port", "--nfs-port", "203.0.113.254", 0).line());
    }
}
