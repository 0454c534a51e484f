package dev.mache.cli;

import dev.mache.graph.Graph;
import dev.mache.graph.Snapshot;
import dev.mache.graph.Stats;
import dev.mache.graph.lang.Grammars;
import dev.mache.graph.lang.natives.NativeLibraries;
import dev.mache.graph.lang.natives.NativeLibrary;
import dev.mache.graph.lang.natives.NativeSource;
import io.github.treesitter.jtreesitter.Language;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks of {@code mache doctor}. Each gives one {@link Finding}: ok, warn (works, but worth fixing) or FAIL
 * (mache will not work like this), with what was found and, when it is not ok, what to do about it.
 */
final class Doctor {

    enum Status {
        OK("ok"), WARN("warn"), FAIL("FAIL");

        final String label;

        Status(String label) {
            this.label = label;
        }
    }

    record Finding(Status status, String check, String detail) {
        static Finding ok(String check, String detail) {
            return new Finding(Status.OK, check, detail);
        }

        static Finding warn(String check, String detail) {
            return new Finding(Status.WARN, check, detail);
        }

        static Finding fail(String check, String detail) {
            return new Finding(Status.FAIL, check, detail);
        }

        /** {@code ok    java: 25.0.1+8-LTS ...}: the status padded to four characters, two spaces. */
        String line() {
            return String.format("%-4s  %s: %s", status.label, check, detail);
        }
    }

    private Doctor() {
    }

    /** The Java runtime: version 25 or newer, who made it, where it is. */
    static Finding java(Runtime.Version version, String vendor, String home) {
        String what = "Java " + version + " (" + vendor + ") at " + home;
        if (version.feature() < 25) {
            return Finding.fail("java", what + ": mache needs Java 25 or newer; use the runtime bundled in the "
                    + "mache tarball, or set JAVA_HOME to a JDK 25");
        }
        return Finding.ok("java", what);
    }

    /** Whether this code may call native functions without Java's warnings (tree-sitter and SQLite need it). */
    static Finding nativeAccess(boolean enabled) {
        return enabled ? Finding.ok("native access", "enabled")
                : Finding.warn("native access", "not enabled: Java warns on first use and a future Java refuses; "
                + "start it with --enable-native-access=ALL-UNNAMED (bin/mache and `java -jar mache.jar` do)");
    }

    /** The tree-sitter core: found, extracted and loaded; which build. */
    static Finding nativesCore(NativeLibraries natives) {
        NativeLibrary core;
        try {
            core = natives.core();
            SymbolLookup.libraryLookup(core.path(), Arena.global()).find("ts_parser_new")
                    .orElseThrow(() -> new IllegalStateException(core.path() + " has no ts_parser_new"));
        } catch (RuntimeException e) {
            return Finding.fail("tree-sitter", "cannot load the core library: " + e.getMessage()
                    + "; reinstall mache (its jar bundles the natives) or rebuild with gcc and npm");
        }
        String detail = natives.describeSource() + ", " + core.path();
        if (core.source() == NativeSource.BONEDE) {
            return Finding.warn("tree-sitter", detail + ": at least 2.4x slower than mache's gcc build; rebuild "
                    + "mache-graph with gcc and npm available");
        }
        return Finding.ok("tree-sitter", detail);
    }

    /** Every grammar: found and loaded (its {@code tree_sitter_<name>} entry point answers an ABI version). */
    static Finding grammars(NativeLibraries natives) {
        List<String> loaded = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (String grammar : Grammars.NAMES) {
            try {
                NativeLibrary library = natives.requireGrammar(grammar);
                natives.core(); // jtreesitter needs the core before the first Language
                Language language = Language.load(SymbolLookup.libraryLookup(library.path(), Arena.global()),
                        "tree_sitter_" + grammar);
                loaded.add(grammar + " (ABI " + language.getAbiVersion() + ")");
            } catch (RuntimeException | LinkageError e) {
                failed.put(grammar, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        int total = Grammars.NAMES.size();
        if (failed.isEmpty()) {
            return Finding.ok("grammars", total + " of " + total + " load: " + String.join(", ", loaded));
        }
        String first = failed.values().iterator().next();
        return Finding.fail("grammars", loaded.size() + " of " + total + " load; missing or broken: "
                + String.join(", ", failed.keySet()) + " (" + first + "); reinstall mache or rebuild mache-graph");
    }

    /**
     * Whether a server could listen on {@code bind:port} now (port 0: any free port, nothing to check beyond the
     * address). Binds with SO_REUSEADDR, as the servers do.
     */
    static Finding port(String check, String option, String bind, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(bind, port));
            return Finding.ok(check, port == 0 ? bind + ", any free port (0)" : bind + ":" + port + " is free");
        } catch (BindException e) {
            if (port != 0 && String.valueOf(e.getMessage()).contains("in use")) {
                return Finding.fail(check, bind + ":" + port + " is in use: stop what listens there or choose "
                        + "another " + option);
            }
            return Finding.fail(check, "cannot listen on " + bind + ":" + port + " (" + e.getMessage() + "): "
                    + (port != 0 && port < 1024 ? "ports below 1024 need root or CAP_NET_BIND_SERVICE; " : "")
                    + "use an address of this machine in --bind");
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            return Finding.fail(check, "cannot listen on " + bind + ":" + port + " (" + e.getMessage() + ")");
        }
    }

    /** The socket directory of {@code mache daemon}: its own, private (0700), or creatable. */
    static Finding socketDirectory(Path dir, String user) {
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Path parent = dir.toAbsolutePath().getParent();
                if (parent != null && Files.isDirectory(parent) && Files.isWritable(parent)) {
                    return Finding.ok("socket directory", dir + " does not exist yet; the daemon creates it (0700)");
                }
                return Finding.fail("socket directory", dir + " does not exist and " + parent
                        + " is not writable: create it (mkdir -m 700 " + dir + ") or give --socket PATH");
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return Finding.fail("socket directory", dir + " is not a directory: remove it or give --socket PATH");
            }
            String owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS));
            if (!owner.equals(user)) {
                return Finding.fail("socket directory", dir + " belongs to " + owner + ", not " + user
                        + ": other users could reach the daemon; use a directory of your own (--socket PATH)");
            }
            if (!mode.equals("rwx------")) {
                return Finding.warn("socket directory", dir + " has mode " + mode + " (owner " + owner + "): the "
                        + "daemon needs rwx------; run chmod 700 " + dir);
            }
            return Finding.ok("socket directory", dir + " (rwx------, owner " + owner + ")");
        } catch (IOException | UnsupportedOperationException e) {
            return Finding.fail("socket directory", dir + ": " + e.getMessage());
        }
    }

    /**
     * The store: present, a SQLite database of mache's schema in WAL mode, and readable through mache's own
     * {@link GraphStore} (counts from its newest snapshot).
     */
    static Finding store(GraphStore graphStore, Path db, boolean indexedOnServe) {
        if (!Files.exists(db)) {
            return indexedOnServe
                    ? Finding.warn("store", db + " does not exist yet: `mache serve` or `mache index` creates it")
                    : Finding.fail("store", db + " does not exist: run `mache index DIR --db " + db + "`");
        }
        String schema;
        String journal;
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath(), readOnly.toProperties());
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                journal = rs.next() ? rs.getString(1) : "?";
            }
            try (ResultSet rs = s.executeQuery("SELECT value FROM _meta WHERE key = 'schema_version'")) {
                schema = rs.next() ? rs.getString(1) : "none";
            }
        } catch (SQLException e) {
            return Finding.fail("store", db + " is not a mache store (" + e.getMessage() + "): delete it and "
                    + "re-index, or give the right --db");
        }
        String facts;
        try (Graph graph = graphStore.open(db); Snapshot snapshot = graph.open()) {
            Stats st = snapshot.stats();
            facts = "schema " + schema + ", generation " + snapshot.generation() + ", " + st.files() + " files, "
                    + st.constructs() + " constructs, " + st.references() + " references, journal " + journal;
        } catch (Exception e) {
            return Finding.fail("store", db + ": " + e.getMessage() + " (schema " + schema + ")");
        }
        if (!journal.equalsIgnoreCase("wal")) {
            return Finding.warn("store", db + ": " + facts + ": not in WAL mode, so readers wait for the indexer; "
                    + "re-index it with this mache");
        }
        return Finding.ok("store", db + ": " + facts);
    }
}
