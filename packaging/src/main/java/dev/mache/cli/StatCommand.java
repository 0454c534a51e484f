package dev.mache.cli;

import dev.mache.vfs.Entry;
import dev.mache.vfs.VfsSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.HexFormat;
import java.util.List;

@Command(name = "stat", mixinStandardHelpOptions = true,
        description = "Show the attributes of entries as NFS and WebDAV report them, with the NFS file handle.")
final class StatCommand extends ReadCommand {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Paths in the tree.")
    List<String> paths;

    StatCommand(Cli cli) {
        super(cli);
    }

    @Override
    void run(VfsSnapshot snapshot) {
        for (String p : paths) {
            Entry e = find(snapshot, p);
            StringBuilder b = new StringBuilder();
            b.append("  path: ").append(Format.display(e.path())).append('\n');
            b.append("  type: ").append(Format.typeName(e)).append('\n');
            b.append("  size: ").append(e.size()).append('\n');
            b.append("  mode: ").append(String.format("%04o", e.mode())).append(" (")
                    .append(Format.modeString(e)).append(")\n");
            b.append(" links: ").append(e.nlink()).append('\n');
            b.append("fileid: ").append(Long.toUnsignedString(e.fileId())).append('\n');
            b.append(" mtime: ").append(Format.iso(e.mtimeNanos())).append('\n');
            e.linkText().ifPresent(t -> b.append("  link: ").append(t).append('\n'));
            e.target().ifPresent(t -> b.append("target: ").append(Format.display(t)).append('\n'));
            b.append("handle: ").append(HexFormat.of().formatHex(snapshot.handle(e))).append('\n');
            cli.out().print(b);
        }
    }
}
