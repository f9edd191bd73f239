package dev.parley.util;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Making connection URLs (JDBC, Redis) and the errors they cause safe to log: no password ever shows. */
public final class Redaction {

    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]*:)[^/]*@");

    private Redaction() {}

    /** The URL with any password in it replaced by {@code ***}, fit for a log line or an error message (a password holding '@' too). */
    public static String url(String url) {
        if (url == null) {
            return "(none)";
        }
        String out = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(out).replaceAll("$1***@");
    }

    /** The innermost cause's first line, which names the actual problem ("Connection refused"), without the URL's password. */
    public static String reason(Throwable e, String url) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // A bare I/O message ("nohost.invalid", "/var/parley") needs its type to make sense.
        String message = root instanceof java.sql.SQLException || root.getMessage() == null
                ? firstLine(String.valueOf(root.getMessage() != null ? root.getMessage() : root))
                : root.getClass().getSimpleName() + ": " + firstLine(root.getMessage());
        String password = password(url);
        return password == null || password.isEmpty() ? message : message.replace(password, "***");
    }

    /** A driver's message up to its first line break: the rest is usually a query plan or a stack. */
    public static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static String password(String url) {
        Matcher m = Pattern.compile("(?i)password=([^&;]*)").matcher(url);
        if (m.find()) {
            return m.group(1);
        }
        Matcher u = Pattern.compile("//[^/:@]*:([^/]*)@").matcher(url);
        return u.find() ? u.group(1) : null;
    }
}
