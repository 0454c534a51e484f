package dev.mache.graph.index;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of one {@code .gitignore} file, matched the way git matches them (gitignore(5)): blank lines and
 * {@code #} comments are skipped, trailing unescaped spaces are dropped, {@code !} re-includes, a trailing
 * {@code /} matches directories only, a pattern with a {@code /} at its start or middle is anchored to the
 * directory of the {@code .gitignore} (otherwise it matches a name at any depth), {@code *} {@code ?} and
 * {@code [...]} never match {@code /}, and {@code **} matches across directories ({@code **}{@code /x},
 * {@code x/**}, {@code a/**}{@code /b}). The last matching rule wins; {@link IgnoreRules} stacks files so deeper
 * ones win over shallower ones.
 */
public final class GitIgnore {
    /** One rule's outcome for a path. */
    public enum Match { NONE, IGNORED, INCLUDED }

    private record Rule(Pattern pattern, boolean negated, boolean dirOnly) {
    }

    private final String base;
    private final List<Rule> rules;

    private GitIgnore(String base, List<Rule> rules) {
        this.base = base;
        this.rules = rules;
    }

    /**
     * @param base the repository path of the directory holding the file ({@code ""} at the root, no trailing slash)
     * @param text the file's content
     */
    public static GitIgnore parse(String base, String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\r?\n", -1)) {
            Rule r = parseLine(raw);
            if (r != null) {
                rules.add(r);
            }
        }
        return new GitIgnore(base, rules);
    }

    private static Rule parseLine(String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return null;
        }
        // trailing spaces are ignored unless escaped with a backslash
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ' && !(end >= 2 && line.charAt(end - 2) == '\\')) {
            end--;
        }
        line = line.substring(0, end);
        if (line.isEmpty()) {
            return null;
        }
        boolean negated = false;
        if (line.startsWith("!")) {
            negated = true;
            line = line.substring(1);
        } else if (line.startsWith("\\!") || line.startsWith("\\#")) {
            line = line.substring(1);
        }
        boolean dirOnly = false;
        if (line.endsWith("/") && !line.endsWith("\\/")) {
            dirOnly = true;
            line = line.substring(0, line.length() - 1);
        }
        if (line.isEmpty()) {
            return null;
        }
        boolean anchored = line.indexOf('/') >= 0;
        if (line.startsWith("/")) {
            line = line.substring(1);
        }
        String regex = (anchored ? "" : "(?:.*/)?") + globToRegex(line);
        return new Rule(Pattern.compile(regex, Pattern.DOTALL), negated, dirOnly);
    }

    static String globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int n = glob.length();
        for (int i = 0; i < n; i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                boolean doubleStar = i + 1 < n && glob.charAt(i + 1) == '*';
                boolean atSegmentStart = i == 0 || glob.charAt(i - 1) == '/';
                if (doubleStar && atSegmentStart && (i + 2 == n || glob.charAt(i + 2) == '/')) {
                    if (i + 2 == n) {
                        re.append(".*"); // "x/**": everything inside
                        i += 1;
                    } else {
                        re.append("(?:.*/)?"); // "**/" : zero or more directories
                        i += 2;
                    }
                } else {
                    while (i + 1 < n && glob.charAt(i + 1) == '*') {
                        i++; // other "**" behave like "*"
                    }
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                int close = classEnd(glob, i);
                if (close < 0) {
                    re.append("\\[");
                } else {
                    re.append(charClass(glob.substring(i + 1, close)));
                    i = close;
                }
            } else if (c == '\\' && i + 1 < n) {
                i++;
                re.append(Pattern.quote(String.valueOf(glob.charAt(i))));
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    private static int classEnd(String glob, int open) {
        int i = open + 1;
        if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
            i++;
        }
        if (i < glob.length() && glob.charAt(i) == ']') {
            i++; // a leading ']' is literal
        }
        for (; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[' && i + 1 < glob.length() && glob.charAt(i + 1) == ':') {
                int close = glob.indexOf(":]", i + 2);
                if (close > 0) {
                    i = close + 1;
                }
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }

    private static String charClass(String body) {
        StringBuilder re = new StringBuilder("(?:(?!/)[");
        int i = 0;
        if (!body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^')) {
            re.append('^');
            i = 1;
        }
        for (; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '[' && body.startsWith("[:", i)) {
                int close = body.indexOf(":]", i + 2);
                if (close > 0) {
                    re.append(posixClass(body.substring(i + 2, close)));
                    i = close + 1;
                    continue;
                }
            }
            if (c == '\\' && i + 1 < body.length()) {
                i++;
                c = body.charAt(i);
            }
            if (c == '-' && i > 0 && i + 1 < body.length()) {
                re.append('-');
            } else if (Character.isLetterOrDigit(c)) {
                re.append(c);
            } else {
                re.append('\\').append(c);
            }
        }
        return re.append("])").toString();
    }

    private static String posixClass(String name) {
        return switch (name) {
            case "alnum" -> "\\p{Alnum}";
            case "alpha" -> "\\p{Alpha}";
            case "digit" -> "\\p{Digit}";
            case "lower" -> "\\p{Lower}";
            case "upper" -> "\\p{Upper}";
            case "space" -> "\\s";
            case "xdigit" -> "\\p{XDigit}";
            case "punct" -> "\\p{Punct}";
            default -> "";
        };
    }

    /** The directory ({@code ""} = repository root) this file's rules are relative to. */
    public String base() {
        return base;
    }

    /**
     * The last rule matching {@code repoPath} (which lies below {@link #base()}).
     *
     * @param isDir whether the path is a directory (dir-only rules match only directories)
     */
    public Match match(String repoPath, boolean isDir) {
        String rel = base.isEmpty() ? repoPath : repoPath.substring(base.length() + 1);
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule r = rules.get(i);
            if (r.dirOnly && !isDir) {
                continue;
            }
            if (r.pattern.matcher(rel).matches()) {
                return r.negated ? Match.INCLUDED : Match.IGNORED;
            }
        }
        return Match.NONE;
    }
}
