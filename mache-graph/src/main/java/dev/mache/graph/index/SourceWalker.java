package dev.mache.graph.index;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lists the files of a source tree that belong in the store, by stat alone (nothing is read but
 * {@code .gitignore} files): skips {@code .git/}, what {@code .gitignore} files exclude, files over the size limit,
 * and symlinks that leave the tree. Symlinks to files inside the tree are indexed at the link's path; symlinks to
 * directories are not followed at all (their target, being inside the tree, is walked at its real path), so the
 * walk cannot loop. Every skip is logged with its reason.
 */
public final class SourceWalker {
    private static final Logger LOG = LoggerFactory.getLogger(SourceWalker.class);

    /** A file to index, in the order of {@link PathOrder}. */
    public record WalkedFile(String repoPath, Path path, long mtimeNanos, long size) {
    }

    public record Result(List<WalkedFile> files, long skipped) {
    }

    private final Path root;
    private final long maxFileBytes;
    private long skipped;

    private SourceWalker(Path root, long maxFileBytes) {
        this.root = root;
        this.maxFileBytes = maxFileBytes;
    }

    public static Result walk(Path root, long maxFileBytes) throws IOException {
        Path real = root.toRealPath();
        if (!Files.isDirectory(real)) {
            throw new IOException("not a directory: " + root);
        }
        SourceWalker w = new SourceWalker(real, maxFileBytes);
        List<WalkedFile> out = new ArrayList<>();
        w.walkDir(real, "", IgnoreRules.EMPTY, out);
        out.sort((a, b) -> PathOrder.compare(a.repoPath(), b.repoPath()));
        return new Result(out, w.skipped);
    }

    private void walkDir(Path dir, String repoDir, IgnoreRules rules, List<WalkedFile> out) {
        Path gitignore = dir.resolve(".gitignore");
        if (Files.isRegularFile(gitignore, LinkOption.NOFOLLOW_LINKS)) {
            try {
                rules = rules.with(GitIgnore.parse(repoDir, Files.readString(gitignore, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                LOG.warn("cannot read {}: {}", gitignore, e.toString());
            }
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(entries::add);
        } catch (IOException e) {
            LOG.warn("skipping directory {}: cannot list it: {}", repoDir.isEmpty() ? "." : repoDir, e.toString());
            skipped++;
            return;
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            String repoPath = repoDir.isEmpty() ? name : repoDir + "/" + name;
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                LOG.warn("skipping {}: cannot stat it: {}", repoPath, e.toString());
                skipped++;
                continue;
            }
            if (attrs.isDirectory()) {
                if (name.equals(".git")) {
                    LOG.debug("skipping {}: git metadata", repoPath);
                    continue;
                }
                if (rules.ignored(repoPath, true)) {
                    LOG.debug("skipping {}/: ignored by .gitignore", repoPath);
                    continue;
                }
                walkDir(entry, repoPath, rules, out);
                continue;
            }
            boolean link = attrs.isSymbolicLink();
            if (rules.ignored(repoPath, link ? Files.isDirectory(entry) : false)) {
                LOG.debug("skipping {}: ignored by .gitignore", repoPath);
                skipped++;
                continue;
            }
            if (link) {
                Path target;
                try {
                    target = entry.toRealPath();
                } catch (FileSystemException e) {
                    LOG.warn("skipping symlink {}: it does not resolve (broken or a loop): {}", repoPath,
                            e.getReason() == null ? e.toString() : e.getReason());
                    skipped++;
                    continue;
                } catch (IOException e) {
                    LOG.warn("skipping symlink {}: {}", repoPath, e.toString());
                    skipped++;
                    continue;
                }
                if (!target.startsWith(root)) {
                    LOG.warn("skipping symlink {}: it points out of the tree ({})", repoPath, target);
                    skipped++;
                    continue;
                }
                try {
                    attrs = Files.readAttributes(target, BasicFileAttributes.class);
                } catch (IOException e) {
                    LOG.warn("skipping symlink {}: cannot stat its target: {}", repoPath, e.toString());
                    skipped++;
                    continue;
                }
                if (attrs.isDirectory()) {
                    LOG.debug("skipping symlink {}: a directory link (its target is walked at its own path)",
                            repoPath);
                    skipped++;
                    continue;
                }
            }
            if (!attrs.isRegularFile()) {
                LOG.debug("skipping {}: not a regular file", repoPath);
                skipped++;
                continue;
            }
            if (attrs.size() > maxFileBytes) {
                LOG.warn("skipping {}: {} bytes is over the {} byte limit", repoPath, attrs.size(), maxFileBytes);
                skipped++;
                continue;
            }
            long mtime = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            out.add(new WalkedFile(repoPath, entry, mtime, attrs.size()));
        }
    }
}
