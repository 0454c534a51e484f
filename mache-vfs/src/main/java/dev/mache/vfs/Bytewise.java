package dev.mache.vfs;

import java.util.Comparator;

/**
 * The order of every listing: bytewise on the UTF-8 encoding. Comparing code points gives exactly that order
 * ({@link String#compareTo} compares UTF-16 units, which differs for characters beyond U+FFFF).
 */
final class Bytewise {
    static final Comparator<String> ORDER = Bytewise::compare;

    private Bytewise() {
    }

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** True when {@code name} sorts strictly after {@code after} (a null {@code after} is before everything). */
    static boolean after(String name, String after) {
        return after == null || compare(name, after) > 0;
    }
}
