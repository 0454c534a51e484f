package dev.mache.vfs.webdav;

import dev.mache.vfs.ClientNetworks;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The gate in front of the WebDAV servlet when the server is exposed: a client outside the allowed networks gets
 * 403; a request without the token gets 401 with {@code WWW-Authenticate: Bearer realm="mache"} and
 * {@code Basic realm="mache"}. The token is accepted as {@code Authorization: Bearer TOKEN} or as the password of
 * {@code Authorization: Basic} (any user name). Tokens are compared in constant time (their SHA-256 digests, so
 * not even the length leaks). Every method is gated, OPTIONS included.
 */
final class DavAccessHandler extends Handler.Wrapper {

    static final String REALM = "mache";

    private final ClientNetworks allowed;
    private final Optional<byte[]> tokenDigest;

    DavAccessHandler(DavSecurity security, Handler next) {
        super(next);
        this.allowed = security.allowed();
        this.tokenDigest = security.token().map(DavAccessHandler::sha256);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        if (!(remote instanceof InetSocketAddress inet) || !allowed.permits(inet.getAddress())) {
            refuse(response, callback, HttpStatus.FORBIDDEN_403, "this address may not use this server\n");
            return true;
        }
        if (tokenDigest.isPresent() && !authorized(request.getHeaders().getField(HttpHeader.AUTHORIZATION))) {
            response.getHeaders().add(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
            response.getHeaders().add(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            refuse(response, callback, HttpStatus.UNAUTHORIZED_401,
                    "a token is needed: Authorization: Bearer TOKEN, or Basic with the token as password\n");
            return true;
        }
        return super.handle(request, response, callback);
    }

    private boolean authorized(HttpField header) {
        if (header == null) {
            return false;
        }
        String value = header.getValue().trim();
        int space = value.indexOf(' ');
        if (space < 0) {
            return false;
        }
        String scheme = value.substring(0, space);
        String credentials = value.substring(space + 1).trim();
        String presented;
        if (scheme.equalsIgnoreCase("Bearer")) {
            presented = credentials;
        } else if (scheme.equalsIgnoreCase("Basic")) {
            String userAndPassword;
            try {
                userAndPassword = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return false;
            }
            int colon = userAndPassword.indexOf(':');
            if (colon < 0) {
                return false;
            }
            presented = userAndPassword.substring(colon + 1);
        } else {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented), tokenDigest.orElseThrow());
    }

    private static void refuse(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        Content.Sink.write(response, true, body, callback);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
