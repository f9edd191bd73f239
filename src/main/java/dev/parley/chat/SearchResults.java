package dev.parley.chat;

import java.util.List;

/**
 * One page of a search, newest first. {@code nextBefore} is the cursor of the following page (pass
 * it as {@code before}), or null on the last page.
 */
public record SearchResults(SearchQuery query, List<SearchHit> hits, Long nextBefore) {}
