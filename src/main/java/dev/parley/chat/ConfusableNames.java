package dev.parley.chat;

import com.ibm.icu.text.SpoofChecker;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a new room name could be mistaken for one a person already sees: "General", "generaI"
 * (capital i) and "gеneral" (Cyrillic е) all read the same. Uses ICU's confusable skeletons
 * (Unicode TS #39), of the names as typed (a capital I reads as an l) and lower-cased (case
 * alone makes no new name).
 */
final class ConfusableNames {

    private static final SpoofChecker CHECKER = new SpoofChecker.Builder().build();

    private ConfusableNames() {}

    /** The first of {@code existing} that {@code candidate} could be taken for, if any. */
    static Optional<String> lookAlike(String candidate, Collection<String> existing) {
        String asTyped = CHECKER.getSkeleton(candidate);
        String folded = CHECKER.getSkeleton(candidate.toLowerCase(Locale.ROOT));
        return existing.stream()
                .filter(name -> CHECKER.getSkeleton(name).equals(asTyped)
                        || CHECKER.getSkeleton(name.toLowerCase(Locale.ROOT)).equals(folded))
                .findFirst();
    }
}
