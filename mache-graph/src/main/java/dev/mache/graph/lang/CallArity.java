package dev.mache.graph.lang;

/**
 * How many arguments a call passes, read from the source bytes after the called name: {@code f(a, g(b, c))} passes
 * two. Overloads told apart only by their number of parameters ({@code scale(double)}, {@code scale(double,double)})
 * are resolved with it. Text, not tree nodes, because it costs a scan of a few bytes per call and works the same in
 * every grammar whose calls put their arguments in parentheses.
 */
public final class CallArity {
    /** The arity could not be read (no parentheses, a trailing block, an operator): every overload stays. */
    public static final int UNKNOWN = -1;

    private CallArity() {
    }

    /**
     * The number of arguments of the call whose name ends at {@code nameEnd} and whose call expression ends at
     * {@code callEnd}, or {@link #UNKNOWN}.
     */
    static int count(byte[] b, int nameEnd, int callEnd) {
        int end = Math.min(callEnd, b.length);
        int i = skipSpace(b, nameEnd, end);
        if (i < end && b[i] == '<') {                      // explicit type arguments: f<T>(x)
            int depth = 0;
            for (; i < end; i++) {
                if (b[i] == '<') depth++;
                else if (b[i] == '>' && --depth == 0) break;
            }
            i = skipSpace(b, i + 1, end);
        }
        if (i >= end || b[i] != '(') {
            return UNKNOWN;
        }
        int depth = 0;
        int commas = 0;
        boolean any = false;
        for (i++; i < end; i++) {
            byte c = b[i];
            switch (c) {
                case '(', '[', '{' -> { depth++; any = true; }
                case ')', ']', '}' -> {
                    if (depth == 0) {
                        if (c != ')') return UNKNOWN;
                        // a trailing block (Kotlin's f(x) { ... }, Ruby's f(x) do ... end) is one more argument
                        // in some languages and none in others
                        return skipSpace(b, i + 1, end) < end ? UNKNOWN : any ? commas + 1 : 0;
                    }
                    depth--;
                }
                case ',' -> { if (depth == 0) commas++; }
                case '"', '\'', '`' -> {
                    i = skipQuoted(b, i, end);
                    any = true;
                }
                case '/' -> {
                    if (i + 1 < end && (b[i + 1] == '/' || b[i + 1] == '*')) {
                        i = skipComment(b, i, end);
                    } else {
                        any = true;
                    }
                }
                case ' ', '\t', '\n', '\r' -> { }
                default -> any = true;
            }
        }
        return UNKNOWN;
    }

    /**
     * The number of parameters a construct's display name declares ({@code scale(double,double)} → 2), or
     * {@link #UNKNOWN} when the name shows no parameter list; {@code varargs[0]} says whether the last one takes
     * any number of arguments ({@code String...}, {@code params int[]}, {@code vararg Int}).
     */
    public static int declared(String displayName, boolean[] varargs) {
        int op = displayName.indexOf("operator()");   // C++'s call operator: its own parentheses are its name
        int open = displayName.indexOf('(', op >= 0 ? op + "operator()".length() : 0);
        int close = displayName.lastIndexOf(')');
        varargs[0] = false;
        if (open < 0 || close < open) {
            return UNKNOWN;
        }
        int depth = 0;
        int count = 0;
        boolean any = false;
        int paramStart = open + 1;
        for (int i = open + 1; i < close; i++) {
            char c = displayName.charAt(i);
            switch (c) {
                case '(', '[', '{', '<' -> { depth++; any = true; }
                case ')', ']', '}', '>' -> depth--;
                case ',' -> {
                    if (depth == 0) {
                        count++;
                        paramStart = i + 1;
                    }
                }
                case ' ' -> { }
                default -> any = true;
            }
        }
        if (!any) {
            return 0;
        }
        String last = displayName.substring(paramStart, close).strip();
        varargs[0] = last.endsWith("...") || last.startsWith("params ") || last.startsWith("vararg ")
                || last.startsWith("*") || last.equals("...");
        return count + 1;
    }

    /** Whether a call passing {@code args} arguments fits a construct declaring {@code params} parameters. */
    public static boolean fits(int args, int params, boolean varargs) {
        if (args == UNKNOWN || params == UNKNOWN) {
            return true;
        }
        return varargs ? args >= params - 1 : args == params;
    }

    private static int skipSpace(byte[] b, int i, int end) {
        while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) i++;
        return i;
    }

    private static int skipQuoted(byte[] b, int i, int end) {
        byte q = b[i];
        for (i++; i < end; i++) {
            if (b[i] == '\\') i++;
            else if (b[i] == q) return i;
        }
        return end;
    }

    private static int skipComment(byte[] b, int i, int end) {
        if (b[i + 1] == '/') {
            while (i < end && b[i] != '\n') i++;
            return i;
        }
        for (i += 2; i + 1 < end; i++) {
            if (b[i] == '*' && b[i + 1] == '/') return i + 1;
        }
        return end;
    }
}
