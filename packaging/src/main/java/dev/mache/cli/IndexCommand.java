package dev.mache.cli;

import dev.mache.cli.log.LogLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Index a source tree into its database (incrementally: unchanged files are not parsed again).")
final class IndexCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "The source tree.")
    Path dir;

    @Option(names = "--db", paramLabel = "FILE", description = "The database (default: the tree's default database).")
    Path db;

    @Mixin
    IndexingOptions indexOptions;

    @Mixin
    LoggingOptions logging;

    private final Cli cli;

    IndexCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        Path source = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(source)) {
            throw new CliException(dir + ": not a directory");
        }
        indexOptions.validated();
        Path target = db != null ? db.toAbsolutePath().normalize() : cli.store().defaultDbFor(source);
        GraphStore.Report r;
        try (var restore = logging.apply(cli, LogLevel.WARN);
             ProgressLine progress = new ProgressLine(cli.err(), cli.terminal())) {
            r = cli.store().index(source, target, indexOptions.maxFileBytes, indexOptions.threads, progress);
        }
        cli.out().println(summary(r, target));
        cli.out().flush();
        return 0;
    }

    static String summary(GraphStore.Report r, Path db) {
        return String.format(Locale.ROOT,
                "%d files (%d parsed, %d unchanged, %d deleted, %d skipped), %d constructs, %d references "
                        + "in %.1f s -> %s",
                r.files(), r.parsed(), r.unchanged(), r.deleted(), r.skipped(), r.constructs(), r.references(),
                r.elapsed().toMillis() / 1000.0, db);
    }
}
