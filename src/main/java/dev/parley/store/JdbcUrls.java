package dev.parley.store;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading JDBC URLs, and making them and their errors safe to log. */
public final class JdbcUrls {

    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]*:)[^@/]*@");

    private JdbcUrls() {}

    /** The URL with any password in it replaced by {@code ***}, fit for a log line or an error message. */
    public static String redact(String url) {
        if (url == null) {
            return "(none)";
        }
        String out = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(out).replaceAll("$1***@");
    }

    /** The innermost cause's first line, which names the actual problem ("Connection refused"). */
    public static String reason(Throwable e, String url) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // A bare I/O message ("nohost.invalid", "/var/parley") needs its type to make sense.
        String message = root instanceof java.sql.SQLException || root.getMessage() == null
                ? Jdbc.firstLine(String.valueOf(root.getMessage() != null ? root.getMessage() : root))
                : root.getClass().getSimpleName() + ": " + Jdbc.firstLine(root.getMessage());
        String password = password(url);
        return password == null || password.isEmpty() ? message : message.replace(password, "***");
    }

    /** The file of a {@code jdbc:sqlite:} URL, or null for an in-memory database. */
    static Path sqliteFile(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        int query = rest.indexOf('?');
        if (query >= 0) {
            if (rest.substring(query).contains("mode=memory")) {
                return null;
            }
            rest = rest.substring(0, query);
        }
        if (rest.isEmpty() || rest.startsWith(":memory:") || rest.startsWith(":resource:")) {
            return null;
        }
        return Path.of(rest);
    }

    private static String password(String url) {
        Matcher m = Pattern.compile("(?i)password=([^&;]*)").matcher(url);
        if (m.find()) {
            return m.group(1);
        }
        Matcher u = Pattern.compile("//[^/:@]*:([^@/]*)@").matcher(url);
        return u.find() ? u.group(1) : null;
    }
}
