package dev.mache.cli;

import dev.mache.vfs.Entry;
import dev.mache.vfs.VfsSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.List;

@Command(name = "ls", mixinStandardHelpOptions = true,
        description = "List a directory of the tree (or show one file), sorted by name.")
final class LsCommand extends ReadCommand {
    private static final int PAGE = 1024;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", defaultValue = "/",
            description = "Path in the tree (default: /).")
    String path;

    @Option(names = "-l", description = "Long format: mode, links, size, mtime (UTC), name, symlink target.")
    boolean longFormat;

    LsCommand(Cli cli) {
        super(cli);
    }

    @Override
    void run(VfsSnapshot snapshot) {
        Entry e = find(snapshot, path);
        PrintStream out = cli.out();
        if (!longFormat && e.isDirectory()) {
            // page by page, so a listing of a huge index (defs/ of the JDK) starts at once in little memory
            String after = null;
            while (true) {
                List<Entry> page = snapshot.listAfter(e, after, PAGE);
                for (Entry child : page) {
                    out.println(child.name());
                }
                if (page.size() < PAGE) {
                    return;
                }
                after = page.getLast().name();
            }
        }
        List<Entry> entries = e.isDirectory() ? snapshot.list(e) : List.of(e);
        if (!longFormat) {
            out.println(e.name());
            return;
        }
        int linkWidth = 1;
        int sizeWidth = 1;
        for (Entry child : entries) {
            linkWidth = Math.max(linkWidth, Integer.toString(child.nlink()).length());
            sizeWidth = Math.max(sizeWidth, Long.toString(child.size()).length());
        }
        StringBuilder b = new StringBuilder();
        for (Entry child : entries) {
            b.setLength(0);
            b.append(Format.modeString(child)).append(' ')
                    .append(pad(Integer.toString(child.nlink()), linkWidth)).append(' ')
                    .append(pad(Long.toString(child.size()), sizeWidth)).append(' ')
                    .append(Format.minutes(child.mtimeNanos())).append(' ')
                    .append(child.name());
            child.linkText().ifPresent(t -> b.append(" -> ").append(t));
            out.println(b);
        }
    }

    private static String pad(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }
}
