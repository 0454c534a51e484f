package dev.mache.cli;

import dev.mache.vfs.Entry;
import dev.mache.vfs.VfsSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.List;

@Command(name = "tree", mixinStandardHelpOptions = true,
        description = "Print the tree below a directory like tree(1); symlinks are shown, never followed.")
final class TreeCommand extends ReadCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", defaultValue = "/",
            description = "Directory in the tree (default: /).")
    String path;

    @Option(names = "-L", paramLabel = "DEPTH", description = "Descend at most DEPTH levels.")
    Integer depth;

    private long dirs;
    private long files;

    TreeCommand(Cli cli) {
        super(cli);
    }

    @Override
    void run(VfsSnapshot snapshot) {
        if (depth != null && depth < 1) {
            throw new CliException("-L: the depth must be at least 1");
        }
        Entry top = find(snapshot, path);
        PrintStream out = cli.out();
        out.println(Format.display(top.path()));
        if (top.isDirectory()) {
            walk(snapshot, top, "", 1, out);
        }
        out.println();
        out.println(count(dirs, "directory", "directories") + ", " + count(files, "file", "files"));
    }

    private void walk(VfsSnapshot snapshot, Entry dir, String prefix, int level, PrintStream out) {
        List<Entry> children = snapshot.list(dir);
        for (int i = 0; i < children.size(); i++) {
            Entry child = children.get(i);
            boolean last = i == children.size() - 1;
            StringBuilder line = new StringBuilder(prefix).append(last ? "└── " : "├── ").append(child.name());
            child.linkText().ifPresent(t -> line.append(" -> ").append(t));
            out.println(line);
            if (child.isDirectory()) {
                dirs++;
                if (depth == null || level < depth) {
                    walk(snapshot, child, prefix + (last ? "    " : "│   "), level + 1, out);
                }
            } else {
                files++;
            }
        }
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
