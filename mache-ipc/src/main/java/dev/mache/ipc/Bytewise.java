package dev.mache.ipc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/** Bytewise (UTF-8) order of names and tokens, the order the graph lists them in. */
public final class Bytewise {
    public static final Comparator<String> ORDER = Bytewise::compare;

    private Bytewise() {
    }

    public static int compare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
