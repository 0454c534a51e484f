package dev.mache.cli;

import dev.mache.vfs.webdav.WebDavServer;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The lines {@code mache serve} prints about who can reach each server when it listens beyond loopback or admits
 * only some clients: every address it answers on (all of this machine's for a wildcard bind) and who is let in.
 * Nothing extra on plain loopback, where the URLs printed already say it all.
 */
final class ExposedAddresses {

    private ExposedAddresses() {
    }

    static void nfs(PrintStream out, ExposureOptions.Exposure e, int port) {
        if (e.loopback() && e.nfsAllowed().anyone()) {
            return;
        }
        out.println("  NFS listens on " + join(e, a -> a + ":" + port) + "; clients: "
                + (e.nfsAllowed().anyone() ? "anyone who can connect" : e.nfsAllowed().toString()));
    }

    static void dav(PrintStream out, ExposureOptions.Exposure e, WebDavServer dav) {
        if (e.loopback() && !e.dav().checked()) {
            return;
        }
        String scheme = dav.url().substring(0, dav.url().indexOf(':'));
        out.println("  WebDAV listens on " + join(e, a -> scheme + "://" + a + ":" + dav.port() + "/")
                + "; clients: " + (e.dav().allowed().anyone() ? "anyone who can connect" : e.dav().allowed())
                + (e.dav().token().isPresent() ? ", with the token" : ""));
        if (!e.loopback() && e.dav().tls().isEmpty()) {
            out.println("  note: the token crosses the network in clear text: add --dav-tls-keystore FILE or put an "
                    + "HTTPS proxy in front");
        }
    }

    private static String join(ExposureOptions.Exposure e, java.util.function.Function<String, String> format) {
        List<String> addresses = ExposureOptions.addresses(e);
        return addresses.stream().map(a -> a.contains(":") ? "[" + a + "]" : a).map(format)
                .collect(Collectors.joining(", ")) + (e.wildcard() ? " (" + e.bind() + ": every address)" : "");
    }
}
