package dev.mache.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The addresses {@code mache serve} prints, read back from its output (in-process runs and the unpacked tarball). */
public final class ServedAddresses {
    private static final Pattern NFS = Pattern.compile("nfsport=(\\d+)&mountport=(\\d+)");
    private static final Pattern DAV = Pattern.compile("WebDAV: (http://127\\.0\\.0\\.1:\\d+)/\n");

    private ServedAddresses() {
    }

    /** The NFS (and MOUNT) port it printed. */
    public static int nfsPort(String output) {
        Matcher m = NFS.matcher(output);
        assertTrue(m.find(), output);
        return Integer.parseInt(m.group(1));
    }

    /** A libnfs URL of {@code path} on the NFS port it printed. */
    public static String nfs(String output, String path) {
        Matcher m = NFS.matcher(output);
        assertTrue(m.find(), output);
        return "nfs://127.0.0.1" + path + "?version=3&nfsport=" + m.group(1) + "&mountport=" + m.group(2);
    }

    /** The WebDAV base URL it printed, without the trailing slash. */
    public static String dav(String output) {
        Matcher m = DAV.matcher(output);
        assertTrue(m.find(), output);
        return m.group(1);
    }
}
