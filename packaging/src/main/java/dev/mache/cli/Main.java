package dev.mache.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The {@code mache} command. Every error ends in one line on stderr ({@code mache: <reason>}) and a non-zero exit
 * status (1 for a failure, 2 for a usage mistake); {@code --verbose} adds the stack trace.
 */
@Command(name = "mache", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A code base as a read-only tree of its constructs and references (NFSv3, WebDAV, CLI).",
        subcommandsRepeatable = false)
public final class Main implements Runnable {
    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Cli cli;

    Main(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        // stdout buffered (a listing of defs/ is 100,000+ lines), flushed at the end; stderr unbuffered
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        boolean terminal = System.console() != null && System.console().isTerminal();
        int status = run(args, new Cli(new SqliteStore(), out, err, terminal));
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs one command line; returns the exit status. */
    public static int run(String[] args, Cli cli) {
        Main main = new Main(cli);
        CommandLine cmd = new CommandLine(main);
        cmd.addSubcommand(new IndexCommand(cli));
        cmd.addSubcommand(new LsCommand(cli));
        cmd.addSubcommand(new CatCommand(cli));
        cmd.addSubcommand(new StatCommand(cli));
        cmd.addSubcommand(new TreeCommand(cli));
        cmd.addSubcommand(new ServeCommand(cli));
        cmd.addSubcommand(new DaemonCommand(cli));
        cmd.addSubcommand(new MaterializeCommand(cli));
        cmd.addSubcommand(new DoctorCommand(cli));
        cmd.setOut(new PrintWriter(cli.out(), true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(cli.err(), true, StandardCharsets.UTF_8));
        cmd.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine failed = ex.getCommandLine();
            String name = failed.getCommandSpec().qualifiedName();
            cli.err().println("mache: " + ex.getMessage() + " (try '" + name + " --help')");
            return 2;
        });
        cmd.setExecutionExceptionHandler((ex, failed, parsed) -> {
            cli.err().println("mache: " + reason(ex));
            if (main.verbose) {
                ex.printStackTrace(cli.err());
            }
            return 1;
        });
        try {
            ConfigDefaults.install(cmd, args, System.getenv(), Path.of(System.getProperty("user.home")));
        } catch (CliException bad) {
            cli.err().println("mache: " + bad.getMessage());
            return 1;
        }
        int status = cmd.execute(args);
        cli.out().flush();
        return status;
    }

    private static String reason(Throwable ex) {
        if (ex instanceof CliException) {
            return ex.getMessage();
        }
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        String kind = root.getClass().getSimpleName();
        return msg == null || msg.isBlank() ? kind : (root instanceof java.io.IOException ? kind + ": " + msg : msg);
    }

    /** The version from the jar's manifest ({@code Implementation-Version}). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"mache " + (v == null ? "(development build)" : v)
                    + " (Java " + Runtime.version() + ")"};
        }
    }
}
