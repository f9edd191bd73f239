package dev.parley.chat;

/**
 * What a reaction may be: one emoji, as people type or paste it — a pictograph with its
 * variation selector, skin tone, keycap or zero-width joins (a family, a flag). Nothing else: a
 * reaction is shown on every page and travels in URLs, so words and markup are refused.
 */
public final class Emoji {

    public static final int MAX_CODE_POINTS = 16;

    private Emoji() {}

    /** The emoji, normalised; an {@code invalid_payload} on {@code emoji} when it is not one. */
    public static String check(String text) {
        if (text == null || text.isEmpty()) throw ChatException.invalid("emoji", "A reaction needs an emoji.");
        String emoji = java.text.Normalizer.normalize(text.strip(), java.text.Normalizer.Form.NFC);
        if (emoji.codePointCount(0, emoji.length()) > MAX_CODE_POINTS) {
            throw new ChatException(
                    ErrorCode.TOO_LARGE,
                    "emoji",
                    "A reaction is one emoji (at most " + MAX_CODE_POINTS + " code points).");
        }
        boolean pictograph = false;
        int[] cps = emoji.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            if (isPictograph(cp)) pictograph = true;
            else if (cp == '#' || cp == '*' || (cp >= '0' && cp <= '9')) {
                // A keycap: the character, maybe U+FE0F, then U+20E3.
                boolean keycap = (i + 1 < cps.length && cps[i + 1] == 0x20E3)
                        || (i + 2 < cps.length && cps[i + 1] == 0xFE0F && cps[i + 2] == 0x20E3);
                if (!keycap) throw notEmoji();
            } else if (!joins(cp)) {
                throw notEmoji();
            }
        }
        if (!pictograph && !emoji.contains("\u20E3")) throw notEmoji();
        return emoji;
    }

    private static ChatException notEmoji() {
        return ChatException.invalid("emoji", "A reaction must be an emoji.");
    }

    /** Symbols drawn as emoji: the "other symbol" category above Latin-1 (©/® aside), which holds every pictograph. */
    private static boolean isPictograph(int cp) {
        return (Character.getType(cp) == Character.OTHER_SYMBOL && cp >= 0x2000) || cp == 0xA9 || cp == 0xAE;
    }

    /** What binds pictographs into one emoji: joiners, variation selectors, skin tones, keycaps, tag sequences. */
    private static boolean joins(int cp) {
        return cp == 0x200D
                || cp == 0xFE0F
                || cp == 0xFE0E
                || cp == 0x20E3
                || (cp >= 0x1F3FB && cp <= 0x1F3FF)
                || (cp >= 0xE0020 && cp <= 0xE007F);
    }
}
