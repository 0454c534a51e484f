package dev.mache.cli;

import picocli.CommandLine.Option;

/** The indexing flags shared by {@code index}, {@code serve} and {@code daemon}, checked the same way everywhere. */
final class IndexingOptions {
    @Option(names = "--max-file-size", paramLabel = "BYTES",
            description = "Skip files larger than this when indexing (default: 8 MiB).")
    Long maxFileBytes;

    @Option(names = "--threads", paramLabel = "N",
            description = "Parser threads when indexing (default: one per core).")
    Integer threads;

    /** Refuses values the indexer cannot use, with the one-line reason the CLI prints. */
    IndexingOptions validated() {
        if (maxFileBytes != null && maxFileBytes < 1) {
            throw new CliException("--max-file-size must be at least 1");
        }
        if (threads != null && threads < 1) {
            throw new CliException("--threads must be at least 1");
        }
        return this;
    }
}
