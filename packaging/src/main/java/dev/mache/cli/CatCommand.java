package dev.mache.cli;

import dev.mache.vfs.Entry;
import dev.mache.vfs.VfsSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "cat", mixinStandardHelpOptions = true,
        description = "Print files of the tree byte for byte (a symlink prints its target's source).")
final class CatCommand extends ReadCommand {
    private static final int CHUNK = 1 << 20;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files in the tree.")
    List<String> paths;

    CatCommand(Cli cli) {
        super(cli);
    }

    @Override
    void run(VfsSnapshot snapshot) {
        for (String p : paths) {
            Entry e = find(snapshot, p);
            if (e.isDirectory()) {
                throw new CliException(p + ": is a directory");
            }
            long offset = 0;
            while (true) {
                byte[] chunk = snapshot.read(e, offset, CHUNK);
                cli.out().write(chunk, 0, chunk.length);
                offset += chunk.length;
                if (chunk.length < CHUNK) {
                    break;
                }
            }
        }
    }
}
