package dev.parley.chat;

import java.text.Normalizer;

/**
 * Which characters people's texts may hold. Everything is NFC-normalised first, so that a name
 * typed with a combining accent and one typed precomposed are the same name.
 *
 * <p>Short labels — room names and status texts — refuse every character that is invisible or
 * changes how the text around it reads: controls, format characters (bidi overrides and isolates,
 * zero-width spaces and joiners, the BOM, soft hyphens), line and paragraph separators, fillers
 * that render as nothing, and lone surrogates. A label with one could pass for another, or flip
 * what follows it on the page. Messages may be long and multilingual, so they keep format
 * characters but refuse controls other than tab and newline, and lone surrogates; a carriage
 * return is taken as the newline it means.
 */
public final class TextRules {

    private TextRules() {}

    /** A short label, normalised; an {@code invalid_payload} on {@code field} naming what is wrong. */
    public static String label(String text, String field) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        for (int i = 0; i < nfc.length(); ) {
            int cp = nfc.codePointAt(i);
            if (invisible(cp))
                throw ChatException.invalid(field, field + ": " + describe(cp) + " " + hex(cp) + " is not allowed.");
            i += Character.charCount(cp);
        }
        return nfc;
    }

    /** A message body, normalised, line breaks as {@code \n}; an {@code invalid_payload} on {@code content} for a control or broken character. */
    public static String message(String text) {
        String nfc = Normalizer.normalize(text.replace("\r\n", "\n").replace('\r', '\n'), Normalizer.Form.NFC);
        for (int i = 0; i < nfc.length(); ) {
            int cp = nfc.codePointAt(i);
            if (Character.isSurrogate((char) cp) && Character.charCount(cp) == 1) {
                throw ChatException.invalid("content", "content: malformed UTF-16 (a lone surrogate " + hex(cp) + ").");
            }
            if (cp != '\t' && cp != '\n' && Character.getType(cp) == Character.CONTROL) {
                throw ChatException.invalid(
                        "content", "content: the control character " + hex(cp) + " is not allowed.");
            }
            i += Character.charCount(cp);
        }
        return nfc;
    }

    /** How long a file name may be, in code points; longer ones lose the middle of their stem. */
    public static final int MAX_FILE_NAME = 160;

    /**
     * A file name as shown and offered for download: normalised, with every invisible or
     * direction-changing character dropped (a name like "invoice\u202Efdp.exe" would read as a PDF),
     * spaces trimmed, shortened to {@link #MAX_FILE_NAME} keeping its extension. A name with a path
     * in it is refused rather than guessed at: Parley never writes under a name a client gave, but
     * a name that names a folder is a client doing something it should not.
     */
    public static String fileName(String name) {
        if (name == null || name.isBlank()) throw ChatException.invalid("name", "A file needs a name.");
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            throw ChatException.invalid("name", "A file name cannot contain a path (\"/\" or \"\\\").");
        }
        String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
        var kept = new StringBuilder(nfc.length());
        nfc.codePoints().filter(cp -> !invisible(cp)).forEach(kept::appendCodePoint);
        String clean = kept.toString().strip();
        if (clean.isEmpty() || clean.equals(".") || clean.equals("..")) {
            throw ChatException.invalid("name", "A file needs a name with something visible in it.");
        }
        int length = clean.codePointCount(0, clean.length());
        if (length <= MAX_FILE_NAME) return clean;
        int dot = clean.lastIndexOf('.');
        String ext = dot > 0 && clean.length() - dot <= 16 ? clean.substring(dot) : "";
        int keep = MAX_FILE_NAME - ext.codePointCount(0, ext.length()) - 1;
        String stem = clean.substring(0, clean.offsetByCodePoints(0, keep));
        return stem + "\u2026" + ext;
    }

    static boolean invisible(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            // Hangul fillers and the braille blank draw nothing, yet are letters or symbols.
            default ->
                cp == 0x115F
                        || cp == 0x1160
                        || cp == 0x3164
                        || cp == 0xFFA0
                        || cp == 0x2800
                        || cp == 0x034F
                        || (cp >= 0xFE00 && cp <= 0xFE0E)
                        || (cp >= 0xE0100 && cp <= 0xE01EF);
        };
    }

    private static String describe(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL -> "the control character";
            case Character.SURROGATE -> "a lone surrogate";
            default -> "the invisible or direction-changing character";
        };
    }

    private static String hex(int cp) {
        return String.format("U+%04X", cp);
    }
}
