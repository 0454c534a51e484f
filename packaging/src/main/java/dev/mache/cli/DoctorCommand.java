package dev.mache.cli;

import dev.mache.graph.lang.natives.NativeLibraries;
import dev.mache.ipc.SocketPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check that mache can run here and say what to fix: the Java runtime, native access, the "
                + "tree-sitter natives (core and every grammar), the ports and the bind address, the daemon's socket "
                + "directory, the store, and the configuration file.",
                "One line per check: `ok|warn|FAIL  <check>: <detail>`. Exit status 0 when nothing FAILs, else 1.",
                "Takes the options of `mache serve` that it checks (ports, bind, allow-lists), with the same "
                        + "configuration file."})
final class DoctorCommand implements Callable<Integer> {

    /**
     * A directory or jar to look for the tree-sitter natives in instead of mache's class path (a class path entry
     * laid out like mache-graph's jar). Lets a test, or an operator with a natives build of their own, check
     * natives other than the bundled ones; an empty directory shows the report for missing natives.
     */
    static final String NATIVES_PATH_PROPERTY = "mache.doctor.natives-path";

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "The source tree whose store to check (its default database).")
    Path dir;

    @Option(names = "--db", paramLabel = "FILE", description = "The store to check.")
    Path db;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address the servers would listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--nfs-port", paramLabel = "PORT", defaultValue = "0", description = "NFS port to check.")
    int nfsPort;

    @Option(names = {"--dav-port", "--webdav-port"}, paramLabel = "PORT", defaultValue = "0",
            description = "WebDAV port to check.")
    int davPort;

    @Option(names = "--no-nfs", negatable = true, fallbackValue = "true", description = "Check the NFS port, or not.")
    boolean noNfs;

    @Option(names = {"--no-dav", "--no-webdav"}, negatable = true, fallbackValue = "true",
            description = "Check the WebDAV port, or not.")
    boolean noDav;

    @Option(names = "--socket", paramLabel = "PATH",
            description = "The daemon socket whose directory to check (default: $LEYLINE_SOCKET, else "
                    + "~/.mache/default.sock).")
    Path socket;

    @Mixin
    ConfigOption configOption;

    @Mixin
    ExposureOptions exposureOptions;

    @Spec
    CommandSpec spec;

    private final Cli cli;

    DoctorCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        List<Doctor.Finding> findings = new ArrayList<>();
        findings.add(Doctor.java(Runtime.version(), System.getProperty("java.vendor"),
                System.getProperty("java.home")));
        findings.add(Doctor.nativeAccess(DoctorCommand.class.getModule().isNativeAccessEnabled()));
        NativeLibraries natives = natives();
        findings.add(Doctor.nativesCore(natives));
        findings.add(Doctor.grammars(natives));
        findings.add(exposure());
        if (!noNfs) {
            findings.add(Doctor.port("nfs port", "--nfs-port (nfs.port)", bind, nfsPort));
        }
        if (!noDav) {
            findings.add(nfsPort != 0 && nfsPort == davPort && !noNfs
                    ? Doctor.Finding.fail("dav port", "the same port as NFS (" + davPort + "): choose another "
                    + "--dav-port (dav.port)")
                    : Doctor.port("dav port", "--dav-port (dav.port)", bind, davPort));
        }
        Path socketPath = socket != null ? socket.toAbsolutePath().normalize() : SocketPaths.discover();
        findings.add(Doctor.socketDirectory(socketPath.toAbsolutePath().getParent(), System.getProperty("user.name")));
        findings.add(store());
        findings.add(config());
        long failed = findings.stream().filter(f -> f.status() == Doctor.Status.FAIL).count();
        long warned = findings.stream().filter(f -> f.status() == Doctor.Status.WARN).count();
        for (Doctor.Finding f : findings) {
            cli.out().println(f.line());
        }
        cli.out().println(failed == 0
                ? "mache doctor: healthy" + (warned > 0 ? " (" + warned + " warning" + (warned > 1 ? "s" : "") + ")" : "")
                : "mache doctor: " + failed + " problem" + (failed > 1 ? "s" : "") + " to fix (FAIL above)");
        return failed == 0 ? 0 : 1;
    }

    private NativeLibraries natives() {
        String path = System.getProperty(NATIVES_PATH_PROPERTY);
        if (path == null || path.isBlank()) {
            return NativeLibraries.using(NativeLibraries.class.getClassLoader());
        }
        try {
            URL url = Path.of(path).toAbsolutePath().toUri().toURL();
            return NativeLibraries.using(new URLClassLoader(new URL[] {url}, null)); // nothing from mache's own
        } catch (MalformedURLException e) {
            throw new CliException(NATIVES_PATH_PROPERTY + "=" + path + ": " + e.getMessage());
        }
    }

    private Doctor.Finding exposure() {
        try {
            ExposureOptions.Exposure e = exposureOptions.resolve(bind, !noNfs, !noDav);
            if (e.loopback()) {
                return Doctor.Finding.ok("bind", bind + " (loopback: this machine only)");
            }
            return Doctor.Finding.ok("bind", bind + (e.wildcard() ? " (every address)" : "") + ": NFS clients "
                    + (noNfs ? "-" : e.nfsAllowed().toString()) + "; WebDAV clients "
                    + (noDav ? "-" : e.dav().allowed() + " with the token"
                    + (e.dav().tls().isPresent() ? " over HTTPS" : " over plain HTTP (add --dav-tls-keystore)")));
        } catch (CliException e) {
            return Doctor.Finding.fail("bind", e.getMessage());
        }
    }

    private Doctor.Finding store() {
        if (db != null) {
            return Doctor.store(cli.store(), db.toAbsolutePath().normalize(), false);
        }
        if (dir != null) {
            return Doctor.store(cli.store(), cli.store().defaultDbFor(dir.toAbsolutePath().normalize()), true);
        }
        return Doctor.Finding.warn("store", "not checked: give DIR or --db FILE (or source/db in the configuration)");
    }

    private Doctor.Finding config() {
        Optional<ConfigDefaults> defaults = ConfigDefaults.of(spec);
        if (defaults.isEmpty()) {
            return Doctor.Finding.ok("config", "none");
        }
        ConfigDefaults d = defaults.get();
        if (d.failure().isPresent()) {
            return Doctor.Finding.fail("config", d.failure().get().getMessage());
        }
        return d.file().map(f -> Doctor.Finding.ok("config", f.path() + " (" + f.settings().size() + " setting"
                        + (f.settings().size() == 1 ? "" : "s") + ")"))
                .orElseGet(() -> Doctor.Finding.ok("config", d.location()));
    }
}
