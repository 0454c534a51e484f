package dev.mache.cli;

import dev.mache.vfs.Entry;
import dev.mache.vfs.VfsSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/**
 * Writes the projection out as real files, directories and symlinks, exactly as NFS serves it: the tree that the
 * benchmarks hand to peer servers (nfs-ganesha, nginx, Apache…) so both sides serve the same bytes.
 */
@Command(name = "materialize", mixinStandardHelpOptions = true,
        description = "Write the tree to a directory on disk (files, directories, symlinks), as NFS serves it.")
final class MaterializeCommand extends ReadCommand {
    private static final int CHUNK = 1 << 20;

    @Parameters(index = "0", paramLabel = "OUTDIR", description = "Empty or missing directory to write into.")
    Path out;

    private long dirs;
    private long files;
    private long links;

    MaterializeCommand(Cli cli) {
        super(cli);
    }

    @Override
    void run(VfsSnapshot snapshot) throws IOException {
        Files.createDirectories(out);
        try (var existing = Files.list(out)) {
            if (existing.findAny().isPresent()) {
                throw new CliException(out + ": not empty (materialize writes into an empty directory)");
            }
        }
        write(snapshot, snapshot.root(), out);
        cli.out().println(dirs + " directories, " + files + " files, " + links + " symlinks -> " + out);
    }

    private void write(VfsSnapshot snapshot, Entry dir, Path target) throws IOException {
        for (Entry child : snapshot.list(dir)) {
            Path path = target.resolve(child.name());
            switch (child.type()) {
                case DIRECTORY -> {
                    Files.createDirectory(path);
                    dirs++;
                    write(snapshot, child, path);
                }
                case FILE -> {
                    try (OutputStream o = Files.newOutputStream(path)) {
                        for (long off = 0; off < child.size(); off += CHUNK) {
                            o.write(snapshot.read(child, off, CHUNK));
                        }
                    }
                    files++;
                }
                case SYMLINK -> {
                    Files.createSymbolicLink(path, Path.of(child.linkText().orElseThrow()));
                    links++;
                    continue;   // a link's own time is not settable portably; its target's is
                }
            }
            Files.setLastModifiedTime(path, FileTime.from(child.mtimeNanos(), TimeUnit.NANOSECONDS));
        }
    }
}
