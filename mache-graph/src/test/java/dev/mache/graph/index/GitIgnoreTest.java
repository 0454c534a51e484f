package dev.mache.graph.index;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The walker's .gitignore handling, checked against git itself ({@code git check-ignore}) on a scratch repo. */
class GitIgnoreTest {
    private static final String ROOT_RULES = String.join("\n",
            "# a comment",
            "*.log",
            "!keep.log",
            "build/",
            "/anchored.txt",
            "**/deep/*.tmp",
            "doc/**/gen",
            "[abc]x.txt",
            "[!d-f]y.txt",
            "foo?.c",
            "trailing\\ ",
            "\\#hash",
            "out/**",
            "spaces.c   ",
            "nested/a/",
            "!nested/a/b.c",
            "");
    private static final String SUB_RULES = String.join("\n",
            "*.txt",
            "!important.txt",
            "/local",
            "x/**/y.c",
            "");
    private static final List<String> FILES = List.of(
            "a.log", "keep.log", "sub/b.log", "sub/keep.log", "build/x.c", "sub/build/y.c", "build.c",
            "anchored.txt", "sub/anchored.txt", "x/deep/a.tmp", "deep/b.tmp", "x/deep/y/c.tmp", "deep/b.tmpx",
            "doc/gen", "doc/a/b/gen", "doc/a/gen/z.c", "docs/gen", "ax.txt", "bx.txt", "dx.txt", "ey.txt", "ay.txt",
            "fy.txt", "foo1.c", "foo12.c", "foo.c", "trailing ", "trailing", "#hash", "hash", "out/a/b.c", "out.c",
            "outx/c.c", "sub/c.txt", "sub/important.txt", "sub/local", "sub/deeper/local", "sub/deeper/d.txt",
            "sub/x/y.c", "sub/x/q/r/y.c", "sub/y.c", "x/y.c", "spaces.c", "nested/a/b.c", "nested/a/c.c",
            "nested/b.c", "normal.c", "src/main.c", ".hidden", "sub/.gitignore", ".gitignore");

    @Test
    void matchesGitCheckIgnore(@TempDir Path repo) throws Exception {
        for (String f : FILES) {
            Path p = repo.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "x\n");
        }
        Files.writeString(repo.resolve(".gitignore"), ROOT_RULES);
        Files.writeString(repo.resolve("sub/.gitignore"), SUB_RULES);
        run(repo, List.of("git", "init", "-q"), null);
        String ignoredByGit = run(repo, List.of("git", "check-ignore", "--no-index", "--stdin"),
                String.join("\n", FILES) + "\n");
        Set<String> expected = new TreeSet<>(FILES);
        for (String line : ignoredByGit.split("\n")) {
            if (!line.isEmpty()) {
                assertTrue(expected.remove(line), "git reported an unknown path: " + line);
            }
        }
        SourceWalker.Result walk = SourceWalker.walk(repo, 1 << 20);
        Set<String> actual = new TreeSet<>();
        for (SourceWalker.WalkedFile f : walk.files()) {
            actual.add(f.repoPath());
        }
        assertEquals(expected, actual);
        // the fixture exercises both outcomes of every rule kind
        assertTrue(actual.containsAll(List.of("keep.log", "build.c", "sub/keep.log", "deep/b.tmpx", "docs/gen",
                "dx.txt", "ey.txt", "foo.c", "trailing", "hash", "out.c", "sub/important.txt", "sub/deeper/local",
                "sub/y.c", "nested/b.c", "normal.c")), actual.toString());
        for (String ignored : List.of("a.log", "sub/anchored.txt", "build/x.c", "sub/build/y.c", "anchored.txt",
                "x/deep/a.tmp", "deep/b.tmp", "doc/gen", "doc/a/b/gen", "ax.txt", "ay.txt", "foo1.c", "trailing ",
                "#hash", "out/a/b.c", "sub/c.txt", "sub/local", "sub/x/y.c", "sub/x/q/r/y.c", "spaces.c",
                "nested/a/b.c")) {
            assertFalse(actual.contains(ignored), ignored);
        }
    }

    @Test
    void globTranslation() {
        GitIgnore g = GitIgnore.parse("", "a/**/b\n**/c\nd/**\n[a-c]?.x\n");
        assertEquals(GitIgnore.Match.IGNORED, g.match("a/b", false));
        assertEquals(GitIgnore.Match.IGNORED, g.match("a/x/y/b", false));
        assertEquals(GitIgnore.Match.IGNORED, g.match("c", false));
        assertEquals(GitIgnore.Match.IGNORED, g.match("q/r/c", false));
        assertEquals(GitIgnore.Match.NONE, g.match("d", true));
        assertEquals(GitIgnore.Match.IGNORED, g.match("d/e/f", false));
        assertEquals(GitIgnore.Match.IGNORED, g.match("bz.x", false));
        assertEquals(GitIgnore.Match.NONE, g.match("dz.x", false));
        assertEquals(GitIgnore.Match.NONE, g.match("b/.x", false));
    }

    private static String run(Path dir, List<String> command, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        // check-ignore exits 1 when nothing is ignored; anything else above 1 is an error
        assertTrue(p.exitValue() <= 1, command + " exited " + p.exitValue());
        return out;
    }
}
