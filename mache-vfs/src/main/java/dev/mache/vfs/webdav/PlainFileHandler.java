package dev.mache.vfs.webdav;

import dev.mache.vfs.Entry;
import dev.mache.vfs.VfsSnapshot;
import dev.mache.vfs.VirtualFileSystem;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * GET and HEAD of small plain files, answered by a Jetty core handler on the thread that read the request (the
 * selector's), in front of the servlet: everything else is handed to the thread pool and served by the servlet.
 *
 * <p>Why: over a keep-alive connection a servlet request costs two thread hand-offs (the selector hands the
 * connection to a pool thread, which must wake the selector again to re-arm read interest after its response), more
 * than the work of a small GET itself. This handler declares itself {@link InvocationType#NON_BLOCKING}, so Jetty
 * runs it on the selector thread; a small file is read from the snapshot and written in one non-blocking write, and
 * the connection goes back to the selector without a wake-up. Files up to {@link #MAX_INLINE} bytes are answered
 * here: a read of the snapshot and a hash of that many bytes delay the selector's other connections by well under a
 * millisecond.
 *
 * <p>The answer is the servlet's, byte for byte (headers, conditionals, ranges via {@link FileReply}); the access
 * check, the monitoring endpoints and the request log stay in front of or around both. Whatever this handler does
 * not answer (other methods, a query, a bad path, a directory, a missing entry, a larger file, a failure before
 * anything was written) goes to the servlet unchanged, which answers it and reports errors as before.
 */
final class PlainFileHandler extends Handler.Wrapper {

    /** Largest file answered on the selector thread; larger ones stream from the servlet. */
    static final int MAX_INLINE = 64 * 1024;

    private static final HttpField TEXT_PLAIN = MimeTypes.Type.TEXT_PLAIN_UTF_8.getContentTypeField();
    private static final HttpField ACCEPT_RANGES = new PreEncodedHttpField(HttpHeader.ACCEPT_RANGES, "bytes");
    private static final HttpField NOSNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");

    private final VirtualFileSystem vfs;
    private final LongAdder answered = new LongAdder();

    /** @param servlet the servlet's context (possibly decorated): serves what this handler does not */
    PlainFileHandler(VirtualFileSystem vfs, Handler servlet) {
        super(servlet);
        this.vfs = vfs;
    }

    /** Requests answered here so far. */
    long answered() {
        return answered.sum();
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!answered(request, response, callback)) {
            getServer().getThreadPool().execute(() -> {
                try {
                    if (!super.handle(request, response, callback)) {
                        Response.writeError(request, response, callback, 404);
                    }
                } catch (Throwable x) {
                    callback.failed(x);
                }
            });
        }
        return true;
    }

    /** Answers a GET or HEAD of a small file and returns true; false (nothing written) for anything else. */
    private boolean answered(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        boolean head = method.equals("HEAD");
        if (!head && !method.equals("GET")) {
            return false;
        }
        HttpURI uri = request.getHttpURI();
        if (uri.getQuery() != null || !(DavPath.parse(uri.getPath()) instanceof DavPath.Ok path)) {
            return false;
        }
        byte[] bytes;
        String etag;
        long mtime;
        try (VfsSnapshot snap = vfs.open()) {
            Optional<Entry> found = snap.lookup(path.path());
            if (found.isEmpty() || found.get().isDirectory()) {
                return false;
            }
            Resource r = Resource.of(snap, found.get());
            if (r.size() > MAX_INLINE) {
                return false;
            }
            bytes = r.readSmall(snap);
            etag = r.etag(snap, bytes);
            mtime = HttpDates.seconds(r.mtimeNanos());
        } catch (RuntimeException e) {
            return false; // the servlet tries again, and logs and answers 500 if it fails too
        }
        answered.increment();
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.ETAG, etag);
        headers.put(HttpHeader.LAST_MODIFIED, HttpDates.imf(mtime));
        headers.put(ACCEPT_RANGES);
        headers.put(NOSNIFF);
        HttpFields fields = request.getHeaders();
        switch (FileReply.decide(fields::get, etag, mtime, bytes.length)) {
            case FileReply.NotModified n -> {
                response.setStatus(304);
                response.write(true, BufferUtil.EMPTY_BUFFER, callback);
            }
            case FileReply.Refused refused -> {
                if (refused.contentRange() != null) {
                    headers.put(HttpHeader.CONTENT_RANGE, refused.contentRange());
                }
                byte[] text = (refused.message() + "\n").getBytes(StandardCharsets.UTF_8);
                response.setStatus(refused.status());
                headers.put(TEXT_PLAIN);
                headers.put(HttpHeader.CONTENT_LENGTH, text.length);
                response.write(true, head ? BufferUtil.EMPTY_BUFFER : ByteBuffer.wrap(text), callback);
            }
            case FileReply.Content c -> {
                response.setStatus(c.status());
                if (c.contentRange() != null) {
                    headers.put(HttpHeader.CONTENT_RANGE, c.contentRange());
                }
                headers.put(TEXT_PLAIN);
                headers.put(HttpHeader.CONTENT_LENGTH, c.length());
                response.write(true, head ? BufferUtil.EMPTY_BUFFER
                        : ByteBuffer.wrap(bytes, (int) c.from(), (int) c.length()), callback);
            }
        }
        return true;
    }
}
