package dev.parley.util;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * One log line per failure, with its cause, and a stack trace only the first time a kind of
 * failure shows up (or at debug). A full disk fails every send the same way: thousands of
 * identical stack traces would bury the one line that says why.
 */
public final class FailureLog {

    private final Logger log;
    private final Set<String> traced = ConcurrentHashMap.newKeySet();

    public FailureLog(Logger log) {
        this.log = log;
    }

    /** Logs {@code what} failed, at warn, with the chain of causes in one line. */
    public void failed(String what, Throwable failure) {
        String kind = rootOf(failure).getClass().getName();
        if (traced.add(kind) || log.isDebugEnabled()) {
            log.warn("{} failed: {}", what, causes(failure), failure);
        } else {
            log.warn("{} failed: {}", what, causes(failure));
        }
    }

    /** "StoreException: database error: [SQLITE_FULL] ... <- SQLiteException: ...", outermost first. */
    public static String causes(Throwable failure) {
        var line = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = t.getClass().getSimpleName() + ": " + firstLine(t.getMessage());
            if (line.length() > 0) {
                if (line.indexOf(firstLine(t.getMessage())) >= 0) continue; // a wrapper repeating its cause
                line.append(" <- ");
            }
            line.append(text);
        }
        return line.toString();
    }

    private static Throwable rootOf(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root;
    }

    private static String firstLine(String message) {
        if (message == null) return "(no message)";
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
