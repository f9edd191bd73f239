package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchQueryTest {

    @Test
    void bareWordsArePrefixesInLowerCase() {
        assertThat(SearchQuery.parse("Deplo  Prod").terms())
                .containsExactly(new SearchTerm(List.of("deplo"), true), new SearchTerm(List.of("prod"), true));
    }

    @Test
    void quotedWordsAreOnePhraseOfWholeWords() {
        assertThat(SearchQuery.parse("\"Build is  RED\" now").terms())
                .containsExactly(
                        new SearchTerm(List.of("build", "is", "red"), false), new SearchTerm(List.of("now"), true));
    }

    @Test
    void anUnclosedQuoteRunsToTheEnd() {
        assertThat(SearchQuery.parse("say \"hello world").terms())
                .containsExactly(
                        new SearchTerm(List.of("say"), true), new SearchTerm(List.of("hello", "world"), false));
    }

    @Test
    void punctuationInsideAWordMakesAPhraseOfItsParts() {
        assertThat(SearchQuery.parse("v4.2-rc1").terms())
                .containsExactly(new SearchTerm(List.of("v4", "2", "rc1"), true));
    }

    @Test
    void filtersAreTakenOutOfTheWords() {
        SearchQuery q = SearchQuery.parse("in:#General from:@Bob after:2026-03-01 before:2026-04-01 deploy");

        assertThat(q.terms()).containsExactly(new SearchTerm(List.of("deploy"), true));
        assertThat(q.room()).isEqualTo("general");
        assertThat(q.author()).isEqualTo("bob");
        assertThat(q.after()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(q.before()).isEqualTo(LocalDate.of(2026, 4, 1));
    }

    @Test
    void hasFileIsAFilterAndAloneIsAQuery() {
        assertThat(SearchQuery.parse("has:file").hasFile()).isTrue();
        assertThat(SearchQuery.parse("HAS:File report").terms())
                .containsExactly(new SearchTerm(List.of("report"), true));
        assertThat(SearchQuery.parse("report").hasFile()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SearchQuery.parse("has:file has:file"))
                .hasMessageContaining("once");
    }

    @Test
    void filtersWorkWithoutTheirSigils() {
        SearchQuery q = SearchQuery.parse("IN:general FROM:bob");

        assertThat(q.room()).isEqualTo("general");
        assertThat(q.author()).isEqualTo("bob");
        assertThat(q.terms()).isEmpty();
    }

    @Test
    void daysAreUtcAndBothBoundsLeaveTheNamedDayOut() {
        SearchQuery q = SearchQuery.parse("after:2026-03-01 before:2026-04-01");

        assertThat(q.postedFrom()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(q.postedUntil()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(SearchQuery.parse("x").postedFrom()).isNull();
    }

    @Test
    void anUnknownFilterIsJustWords() {
        assertThat(SearchQuery.parse("content:release").terms())
                .containsExactly(new SearchTerm(List.of("content", "release"), true));
        assertThat(SearchQuery.parse("in:").terms()).containsExactly(new SearchTerm(List.of("in"), true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NEAR(", "a* OR b", "'x'", "(x", "x^", "x:*", "-x", "\\x", "{x}", "x & | !", "x AND NOT y"})
    void noQuerySyntaxSurvivesParsing(String hostile) {
        assertThat(SearchQuery.parse(hostile).terms())
                .allSatisfy(
                        t -> assertThat(t.words()).allMatch(w -> w.codePoints().allMatch(Character::isLetterOrDigit)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\"", "*", ":", "&|!", "\"\"", "()", "-- ;"})
    void nothingToSearchForIsRefused(String empty) {
        assertThatThrownBy(() -> SearchQuery.parse(empty))
                .isInstanceOfSatisfying(
                        ChatException.class, e -> assertThat(e.code).isEqualTo(ErrorCode.INVALID_PAYLOAD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"before:yesterday", "after:2026-02-30", "after:2026-3-1", "before:20260301"})
    void aMalformedDayIsRefusedWithTheShapeItNeeds(String bad) {
        assertThatThrownBy(() -> SearchQuery.parse(bad))
                .isInstanceOfSatisfying(
                        ChatException.class, e -> assertThat(e.getMessage()).contains("YYYY-MM-DD"));
    }

    @Test
    void aFilterGivenTwiceIsRefused() {
        assertThatThrownBy(() -> SearchQuery.parse("in:#a in:#b x"))
                .isInstanceOf(ChatException.class)
                .hasMessageContaining("in:");
    }

    @Test
    void overlongQueriesAreRefused() {
        assertThatThrownBy(() -> SearchQuery.parse("x".repeat(501))).isInstanceOf(ChatException.class);
        assertThatThrownBy(() -> SearchQuery.parse("w ".repeat(17))).isInstanceOf(ChatException.class);
    }
}
