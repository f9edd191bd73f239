package dev.parley.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * A socket as Jetty's core session, with no network: it records every frame it is asked to
 * write, and how it was closed. Writes complete at once, or, while {@link #stalled}, only when
 * the test {@link #drain}s them, like a socket whose send buffer is full.
 */
public final class RecordingSocket extends CoreSession.Empty {

    /** One frame handed to Jetty; a frame with batch=false ends a network write. */
    public record Sent(String text, boolean batch) {}

    public final List<Sent> sent = new CopyOnWriteArrayList<>();
    /** The close codes asked for, in order; -1 for an abort. */
    public final List<Integer> closes = new CopyOnWriteArrayList<>();

    public volatile boolean stalled;
    private final List<Callback> pending = new ArrayList<>();

    @Override
    public synchronized void sendFrame(Frame frame, Callback callback, boolean batch) {
        String text = frame.getOpCode() == OpCode.PING ? "<ping>" : frame.getPayloadAsUTF8();
        sent.add(new Sent(text, batch));
        if (stalled) {
            pending.add(callback);
        } else {
            callback.succeeded();
        }
    }

    @Override
    public void close(int statusCode, String reason, Callback callback) {
        closes.add(statusCode);
        callback.succeeded();
    }

    @Override
    public void abort() {
        closes.add(-1);
    }

    public List<String> texts() {
        return sent.stream().map(Sent::text).toList();
    }

    public long writes() {
        return sent.stream().filter(s -> !s.batch()).count();
    }

    public void drain() {
        List<Callback> done;
        synchronized (this) {
            stalled = false;
            done = new ArrayList<>(pending);
            pending.clear();
        }
        done.forEach(Callback::succeeded);
    }
}
