package dev.mache.cli;

import dev.mache.graph.Graph;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a reading command gets its tree: {@code --db FILE} (an indexed database) or {@code --source DIR} (a source
 * tree: indexed incrementally into its default database first, so the answer is always current); with neither, the
 * default database of the current directory if it was indexed.
 */
final class TreeSource {

    static final class Choice {
        @Option(names = "--db", paramLabel = "FILE", description = "Read this index database.")
        Path db;

        @Option(names = "--source", paramLabel = "DIR",
                description = "Read this source tree (indexes it into its default database first if needed).")
        Path source;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Choice choice;

    /** Opens the graph, indexing the source first when {@code --source} was given. */
    Graph open(Cli cli) throws Exception {
        Path db;
        if (choice == null) {
            // after `mache index .`, plain `mache ls` in the same directory reads that index
            Path cwd = Path.of("").toAbsolutePath();
            db = cli.store().defaultDbFor(cwd);
            if (!Files.isRegularFile(db)) {
                throw new CliException("give --db FILE or --source DIR (" + cwd + " has no index yet)");
            }
        } else if (choice.source != null) {
            Path source = choice.source.toAbsolutePath().normalize();
            if (!Files.isDirectory(source)) {
                throw new CliException(choice.source + ": not a directory");
            }
            db = cli.store().defaultDbFor(source);
            try (ProgressLine progress = new ProgressLine(cli.err(), cli.terminal())) {
                cli.store().index(source, db, null, null, progress);
            }
        } else {
            db = choice.db;
            if (!Files.isRegularFile(db)) {
                throw new CliException(db + ": no such index database");
            }
        }
        return cli.store().open(db);
    }
}
