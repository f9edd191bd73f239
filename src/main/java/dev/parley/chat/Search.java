package dev.parley.chat;

import dev.parley.auth.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finding messages. A person searches every room they may read — the public channels and the
 * rooms they are in — and nothing else: the rooms are decided here, before the index is asked,
 * so a private room they are not in can show up neither in results nor through a filter
 * ({@code in:#secret} finds nothing, exactly like {@code in:#no-such-room}).
 */
public final class Search {

    public static final int PAGE = 20;
    public static final int MAX_PAGE = 100;

    private final SearchIndex index;
    private final Rooms rooms;
    private final UserStore users;

    public Search(SearchIndex index, Rooms rooms, UserStore users) {
        this.index = index;
        this.rooms = rooms;
        this.users = users;
    }

    /**
     * One page of what {@code text} finds for the viewer, newest first.
     *
     * @param beforeId the previous page's {@link SearchResults#nextBefore}, or null for the first page
     * @throws ChatException {@code invalid_payload} for a query that cannot be searched, or a bad limit or cursor
     */
    public SearchResults find(Principal viewer, String text, Long beforeId, int limit) {
        SearchQuery query = SearchQuery.parse(text);
        if (limit < 1 || limit > MAX_PAGE)
            throw ChatException.invalid("limit", "limit must be between 1 and " + MAX_PAGE + ".");
        if (beforeId != null && beforeId < 1)
            throw ChatException.invalid("before", "before must be a positive message id.");
        Map<Long, RoomListing> readable = rooms.readableBy(viewer).stream()
                .collect(Collectors.toMap(l -> l.room().id(), Function.identity()));
        Set<Long> scope = query.room() == null
                ? readable.keySet()
                : readable.values().stream()
                        .filter(l -> !l.room().isDirect() && l.room().name().equalsIgnoreCase(query.room()))
                        .map(l -> l.room().id())
                        .collect(Collectors.toSet());
        Optional<Long> author = query.author() == null
                ? Optional.empty()
                : users.findByUsername(query.author()).map(Account::id);
        if (scope.isEmpty() || (query.author() != null && author.isEmpty())) {
            return new SearchResults(query, List.of(), null);
        }
        List<Message> found = index.search(new SearchIndex.Criteria(
                query.terms(),
                scope,
                author.orElse(null),
                query.postedFrom(),
                query.postedUntil(),
                beforeId,
                limit + 1,
                query.hasFile()));
        boolean more = found.size() > limit;
        List<SearchHit> hits = found.stream()
                .limit(limit)
                .map(m -> new SearchHit(m, readable.get(m.roomId()), Snippet.of(m.content(), query)))
                .toList();
        return new SearchResults(
                query, hits, more ? hits.get(hits.size() - 1).message().id() : null);
    }
}
