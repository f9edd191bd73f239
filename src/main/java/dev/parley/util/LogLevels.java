package dev.parley.util;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.LoggerFactory;

/** The running process's log levels, read and changed through logback; nothing survives a restart. */
public final class LogLevels {

    private LogLevels() {}

    /** Every logger with a level of its own (set in logback.xml or at run time), by name. */
    public static Map<String, String> configured() {
        var out = new TreeMap<String, String>();
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return out;
        for (Logger logger : context.getLoggerList()) {
            if (logger.getLevel() != null)
                out.put(logger.getName(), logger.getLevel().toString());
        }
        return out;
    }

    /** The level {@code name} logs at now, its own or inherited. */
    public static String effective(String name) {
        return context().getLogger(name).getEffectiveLevel().toString();
    }

    /** Sets {@code name}'s level; null makes it inherit its parent's again (the root keeps its own). */
    public static void set(String name, String level) {
        Logger logger = context().getLogger(name);
        if (level == null && logger.getName().equals(Logger.ROOT_LOGGER_NAME)) return;
        logger.setLevel(level == null ? null : Level.toLevel(level));
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }
}
