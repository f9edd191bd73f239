package dev.parley.web;

import dev.parley.chat.Message;
import dev.parley.chat.Search;
import dev.parley.chat.SearchResults;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/** {@code GET /api/search?q=&limit=&before=}: messages the caller may read, newest first. */
final class SearchApi extends ApiServlet {

    private final Search search;

    SearchApi(Search search, SameOrigin sameOrigin) {
        super(sameOrigin);
        this.search = search;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (!Requests.segments(req).isEmpty()) throw noRoute();
        Long limit = Requests.longParam(req, "limit");
        int n = limit == null ? Search.PAGE : (int) Math.max(0, Math.min(limit, Search.MAX_PAGE + 1));
        SearchResults found =
                search.find(Requests.principal(req), req.getParameter("q"), Requests.longParam(req, "before"), n);
        json(
                res,
                200,
                new Page(
                        found.hits().stream()
                                .map(h -> new Hit(
                                        h.message(),
                                        ApiViews.RoomView.of(h.room()).withoutUnread(),
                                        h.snippet()))
                                .toList(),
                        found.nextBefore()));
    }

    /** {@code nextBefore}: pass it as {@code before} for the next page; null on the last one. */
    record Page(List<Hit> results, Long nextBefore) {}

    record Hit(Message message, ApiViews.RoomView room, String snippet) {}
}
