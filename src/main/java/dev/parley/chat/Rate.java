package dev.parley.chat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How often something may happen: {@code tokens} per {@code period} on average, in bursts of up
 * to {@code burst}. Written as settings take it: {@code 10/s,20} (ten a second, bursts of twenty),
 * {@code 5/m}, {@code 10/h,10}; the burst defaults to the rate's own count.
 */
public record Rate(long tokens, Duration period, long burst) {

    private static final Pattern FORM = Pattern.compile("(\\d{1,9})/(s|m|h|d)(?:,(\\d{1,9}))?");

    public Rate {
        if (tokens < 1 || burst < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException(
                    "a rate needs at least one token per period and a burst of at least one");
        }
    }

    public static Rate perSecond(long tokens, long burst) {
        return new Rate(tokens, Duration.ofSeconds(1), burst);
    }

    /** @throws IllegalArgumentException with a message fit for the person who wrote {@code text} */
    public static Rate parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches())
            throw new IllegalArgumentException(
                    "write a rate as COUNT/UNIT[,BURST] with UNIT s, m, h or d (e.g. 10/s,20), got " + text);
        long tokens = Long.parseLong(m.group(1));
        Duration period = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
        };
        return new Rate(tokens, period, m.group(3) == null ? tokens : Long.parseLong(m.group(3)));
    }

    @Override
    public String toString() {
        String unit = period.equals(Duration.ofSeconds(1))
                ? "s"
                : period.equals(Duration.ofMinutes(1))
                        ? "m"
                        : period.equals(Duration.ofHours(1))
                                ? "h"
                                : period.equals(Duration.ofDays(1)) ? "d" : period.toString();
        return tokens + "/" + unit + (burst == tokens ? "" : "," + burst);
    }
}
