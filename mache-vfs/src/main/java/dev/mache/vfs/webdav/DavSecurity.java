package dev.mache.vfs.webdav;

import dev.mache.vfs.ClientNetworks;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may use the WebDAV server and how it is reached: the client networks it answers, the token a request must
 * carry (as {@code Authorization: Bearer TOKEN}, or as the password of Basic authentication with any user name, so
 * file managers can log in), and the TLS key store that turns on HTTPS. {@link #OPEN} is the loopback default:
 * anyone, no token, plain HTTP.
 *
 * @param allowed client networks answered; others get 403
 * @param token   the token every request must carry; empty: none needed
 * @param tls     HTTPS with this key store; empty: plain HTTP
 */
public record DavSecurity(ClientNetworks allowed, Optional<String> token, Optional<Tls> tls) {

    public static final DavSecurity OPEN = new DavSecurity(ClientNetworks.ANYONE, Optional.empty(), Optional.empty());

    public DavSecurity {
        Objects.requireNonNull(allowed, "allowed");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tls, "tls");
        token.ifPresent(t -> {
            if (t.isBlank()) {
                throw new IllegalArgumentException("the WebDAV token is empty");
            }
        });
    }

    /** Whether requests pass through {@link DavAccessHandler} (an allow-list or a token is set). */
    public boolean checked() {
        return !allowed.anyone() || token.isPresent();
    }

    /**
     * A PKCS#12 key store holding the server's certificate and key.
     *
     * @param keystore the {@code .p12} file
     * @param password its password (also the key's)
     */
    public record Tls(Path keystore, String password) {
        public Tls {
            Objects.requireNonNull(keystore, "keystore");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Tls[keystore=" + keystore + "]"; // never the password
        }
    }

    @Override
    public String toString() {
        return "DavSecurity[allowed=" + allowed + ", token=" + (token.isPresent() ? "set" : "none") + ", tls="
                + tls.map(Tls::toString).orElse("none") + "]";
    }
}
