package dev.parley.chat;

import java.util.List;

/**
 * One thing a message must contain to match: a word or a run of adjacent words (a phrase), in
 * {@link SearchTokens} form, so only letters and digits, never query syntax of any database.
 * With {@code prefix}, the last word only has to begin the message's word: {@code deplo} finds
 * "deployment".
 */
public record SearchTerm(List<String> words, boolean prefix) {

    public SearchTerm {
        if (words.isEmpty()) throw new IllegalArgumentException("a term needs a word");
        words = List.copyOf(words);
    }

    /** Whether a word of a message is one this term looks for, phrase order aside: what a snippet marks. */
    boolean marks(String word) {
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            boolean last = i == words.size() - 1;
            if (prefix && last ? word.startsWith(w) : word.equals(w)) return true;
        }
        return false;
    }
}
