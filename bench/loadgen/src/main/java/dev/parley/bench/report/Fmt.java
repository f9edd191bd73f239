package dev.parley.bench.report;

import java.util.Locale;

/** Number formats shared by every table. */
public final class Fmt {

    private Fmt() {}

    public static String n(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    /** Microseconds shown as milliseconds. */
    public static String ms(long micros) {
        return micros < 10_000 ? String.format(Locale.ROOT, "%.2f", micros / 1000.0)
                : String.format(Locale.ROOT, "%.0f", micros / 1000.0);
    }

    public static String pct(double v) {
        return String.format(Locale.ROOT, "%.0f%%", v);
    }

    /** CPU use with the kernel's share of it: "89% (62% sys)". */
    public static String cpu(double pct, double kernelShare) {
        return pct(pct) + " (" + pct(kernelShare) + " sys)";
    }

    public static String d1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    public static String d2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    public static String kib(double bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1024);
    }

    public static String mib(double bytes) {
        return String.format(Locale.ROOT, "%.0f", bytes / (1024 * 1024));
    }

    /** a / b as "2.4×", or "–" when either side is missing. */
    public static String ratio(double a, double b) {
        if (a <= 0 || b <= 0 || Double.isNaN(a) || Double.isNaN(b)) return "–";
        return String.format(Locale.ROOT, "%.2f×", a / b);
    }
}
