package dev.mache.graph.lang;

import java.nio.file.Files;
import java.nio.file.Path;

/** Developer aid: java Scratch <repoPath> <file> prints what the spec extracts. */
final class Scratch {
    public static void main(String[] args) throws Exception {
        String code = Files.readString(Path.of(args[1]));
        String[] exist = java.util.Arrays.copyOfRange(args, 2, args.length);
        System.out.print(Dump.all(Dump.parse(args[0], code, exist)));
    }
}
