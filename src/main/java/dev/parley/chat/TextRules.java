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
