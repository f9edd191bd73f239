package dev.parley.chat;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Admins turn a logger's level up or down while the instance runs (one instance: each has its
 * own logs), and every change is in the audit log. Back to logback.xml's levels on restart.
 */
public final class LogLevels {

    static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
    private static final Pattern LOGGER =
            Pattern.compile("ROOT|[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    static final int MAX_LOGGER = 200;

    private final AuditLog audit;
    private final Admins admins;

    public LogLevels(AuditLog audit, UserStore users) {
        this.audit = audit;
        this.admins = new Admins(users);
    }

    /** Loggers with a level of their own, by name. */
    public Map<String, String> list(long adminId) {
        admins.require(adminId);
        return dev.parley.util.LogLevels.configured();
    }

    /**
     * Sets {@code logger}'s level ({@code TRACE} … {@code OFF}, any case), or with a null or empty
     * level lets it inherit again; returns the level it logs at now.
     */
    public String set(long adminId, String logger, String level) {
        Account admin = admins.require(adminId);
        if (logger == null
                || logger.length() > MAX_LOGGER
                || !LOGGER.matcher(logger).matches()) {
            throw ChatException.invalid("logger", "logger: a logger name such as dev.parley.live, or ROOT.");
        }
        String wanted = level == null || level.isBlank() ? null : level.strip().toUpperCase(java.util.Locale.ROOT);
        if (wanted != null && !LEVELS.contains(wanted)) {
            throw ChatException.invalid(
                    "level", "level: one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, or empty to inherit.");
        }
        dev.parley.util.LogLevels.set(logger, wanted);
        audit.record(admin, "set log level", logger + "=" + (wanted == null ? "inherit" : wanted));
        return dev.parley.util.LogLevels.effective(logger);
    }
}
