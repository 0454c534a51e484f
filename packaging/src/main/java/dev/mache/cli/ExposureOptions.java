package dev.mache.cli;

import dev.mache.vfs.ClientNetworks;
import dev.mache.vfs.webdav.DavSecurity;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who may reach the servers when {@code mache serve} listens beyond loopback. The rule: an address other than a
 * loopback one (a wildcard like 0.0.0.0 or ::, or an interface's address) needs an explicit allow-list for NFS
 * ({@code --nfs-allow}), and for WebDAV an allow-list plus a token ({@code --dav-allow}, {@code --dav-token} or
 * {@code --dav-token-file}); otherwise the command is refused before anything listens. On loopback the same options
 * are optional and honoured when given.
 */
final class ExposureOptions {

    @Option(names = "--nfs-allow", paramLabel = "CIDR[,CIDR...]",
            description = "Client networks NFS answers, e.g. 192.168.1.0/24 (needed when --bind is not loopback; "
                    + "others get MNT3ERR_ACCES / an RPC AUTH_ERROR).")
    String nfsAllow;

    @Option(names = "--dav-allow", paramLabel = "CIDR[,CIDR...]",
            description = "Client networks WebDAV answers (needed, with a token, when --bind is not loopback; "
                    + "others get 403).")
    String davAllow;

    @Option(names = "--dav-token", paramLabel = "TOKEN",
            description = "The token every WebDAV request must carry: `Authorization: Bearer TOKEN`, or Basic "
                    + "authentication with TOKEN as the password (any user name). Visible in `ps`: prefer "
                    + "--dav-token-file.")
    String davToken;

    @Option(names = "--dav-token-file", paramLabel = "FILE", description = "Read the WebDAV token from FILE.")
    Path davTokenFile;

    @Option(names = "--dav-tls-keystore", paramLabel = "FILE",
            description = "Serve WebDAV over HTTPS with this PKCS#12 key store (certificate and key).")
    Path tlsKeystore;

    @Option(names = "--dav-tls-password", paramLabel = "PASSWORD", description = "The key store's password.")
    String tlsPassword;

    @Option(names = "--dav-tls-password-file", paramLabel = "FILE",
            description = "Read the key store's password from FILE.")
    Path tlsPasswordFile;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** What the options allow, checked against the address the servers are to listen on. */
    record Exposure(String bind, boolean loopback, boolean wildcard, ClientNetworks nfsAllowed, DavSecurity dav) {
    }

    /**
     * Checks the rule and reads the token and password files.
     *
     * @throws CliException one line saying what to add, when the bind address is not loopback and the allow-lists
     *                      (or the WebDAV token) are missing; or a bad option value
     */
    Exposure resolve(String bind, boolean nfs, boolean dav) {
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new CliException("--bind " + bind + ": unknown host");
        }
        boolean loopback = address.isLoopbackAddress();
        boolean wildcard = address.isAnyLocalAddress();
        ClientNetworks nfsAllowed = networks("--nfs-allow", nfsAllow);
        ClientNetworks davAllowed = networks("--dav-allow", davAllow);
        Optional<String> token = secret("--dav-token", davToken, "--dav-token-file", davTokenFile);
        if (!loopback) {
            List<String> missing = new ArrayList<>();
            if (nfs && nfsAllowed.anyone()) {
                missing.add("--nfs-allow CIDR");
            }
            if (dav && davAllowed.anyone()) {
                missing.add("--dav-allow CIDR");
            }
            if (dav && token.isEmpty()) {
                missing.add("--dav-token-file FILE (or --dav-token TOKEN)");
            }
            if (!missing.isEmpty()) {
                throw new CliException("refusing to listen on " + bind + (wildcard ? " (every address of this machine)"
                        : " (not loopback)") + " without access control: add " + String.join(" and ", missing)
                        + (nfs && dav ? ", or --no-nfs / --no-dav" : "") + "; or bind 127.0.0.1");
            }
        }
        Optional<DavSecurity.Tls> tls = Optional.empty();
        if (tlsKeystore != null) {
            if (!Files.isReadable(tlsKeystore)) {
                throw new CliException("--dav-tls-keystore " + tlsKeystore + ": cannot read it");
            }
            tls = Optional.of(new DavSecurity.Tls(tlsKeystore.toAbsolutePath(),
                    secret("--dav-tls-password", tlsPassword, "--dav-tls-password-file", tlsPasswordFile).orElse("")));
        } else if (tlsPassword != null || tlsPasswordFile != null) {
            throw new CliException("a key store password without --dav-tls-keystore");
        }
        return new Exposure(bind, loopback, wildcard, nfsAllowed, new DavSecurity(davAllowed, token, tls));
    }

    private static ClientNetworks networks(String option, String value) {
        if (value == null) {
            return ClientNetworks.ANYONE;
        }
        try {
            return ClientNetworks.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CliException(option + ": " + e.getMessage());
        }
    }

    /**
     * A secret given inline or in a file. When both are set, the one given on the command line wins over the one
     * from the configuration file; both on the command line is an error.
     */
    private Optional<String> secret(String inlineOption, String inline, String fileOption, Path file) {
        if (inline != null && file != null) {
            CommandLine.ParseResult parsed = mixee == null ? null : mixee.commandLine().getParseResult();
            boolean inlineFlag = parsed != null && parsed.hasMatchedOption(inlineOption);
            boolean fileFlag = parsed != null && parsed.hasMatchedOption(fileOption);
            if (inlineFlag == fileFlag) {
                throw new CliException("give " + inlineOption + " or " + fileOption + ", not both");
            }
            return inlineFlag ? Optional.of(nonBlank(inlineOption, inline)) : Optional.of(read(fileOption, file));
        }
        if (inline != null) {
            return Optional.of(nonBlank(inlineOption, inline));
        }
        return file == null ? Optional.empty() : Optional.of(read(fileOption, file));
    }

    private static String nonBlank(String option, String value) {
        if (value.isBlank()) {
            throw new CliException(option + " is empty");
        }
        return value;
    }

    /** The file's text without surrounding whitespace (a trailing newline is not part of a token). */
    private static String read(String option, Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CliException(option + " " + file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
        }
        if (text.isEmpty()) {
            throw new CliException(option + " " + file + ": the file is empty");
        }
        return text;
    }

    /**
     * The addresses a socket bound to {@code bind} answers on: the address itself, or for a wildcard every address
     * of every interface that is up (IPv4 ones for 0.0.0.0, both families for ::).
     */
    static List<String> addresses(Exposure exposure) {
        if (!exposure.wildcard()) {
            return List.of(exposure.bind());
        }
        boolean v6 = exposure.bind().contains(":");
        List<String> all = new ArrayList<>();
        try {
            for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
                if (!nic.isUp()) {
                    continue;
                }
                for (InetAddress a : nic.inetAddresses().toList()) {
                    if (a instanceof Inet6Address six) {
                        if (v6) {
                            String text = six.getHostAddress();
                            int zone = text.indexOf('%');
                            all.add(zone < 0 || !six.isLinkLocalAddress() ? strip(text) : text);
                        }
                    } else {
                        all.add(a.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            all.add("(cannot list the interfaces: " + e.getMessage() + ")");
        }
        return all;
    }

    private static String strip(String text) {
        int zone = text.indexOf('%');
        return zone < 0 ? text : text.substring(0, zone);
    }
}
