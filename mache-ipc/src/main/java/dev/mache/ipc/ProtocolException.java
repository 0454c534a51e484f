package dev.mache.ipc;

/**
 * A request or response that does not decode. On the server it becomes the documented error response; {@code withOk}
 * says whether it is an envelope error ({@code {"error":…}}) or an argument error ({@code {"error":…,"ok":false}}).
 */
public final class ProtocolException extends Exception {
    private final boolean withOk;

    public ProtocolException(String message, boolean withOk) {
        super(message);
        this.withOk = withOk;
    }

    public boolean withOk() {
        return withOk;
    }

    public Response.Failure toFailure() {
        return new Response.Failure(getMessage(), withOk);
    }
}
