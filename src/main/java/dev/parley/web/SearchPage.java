package dev.parley.web;

import dev.parley.auth.Principal;
import dev.parley.chat.ChatException;
import dev.parley.chat.Search;
import dev.parley.chat.SearchResults;
import dev.parley.render.Templates;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;

/**
 * {@code /search?q=&before=}: the results page, a plain GET form that works without JavaScript.
 * An empty query shows the form and how to write one; a query that cannot be searched shows why.
 */
final class SearchPage extends PageServlet {

    private final Search search;

    SearchPage(Search search, Templates templates, SameOrigin sameOrigin) {
        super(templates, sameOrigin);
        this.search = search;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Principal me = Requests.principal(req);
        String q = req.getParameter("q");
        var model = new HashMap<String, Object>();
        model.put("q", q == null ? "" : q);
        model.put("results", null);
        model.put("error", null);
        int status = 200;
        if (q != null && !q.isBlank()) {
            try {
                SearchResults results = search.find(me, q, Requests.longParam(req, "before"), Search.PAGE);
                model.put("results", results);
            } catch (ChatException e) {
                if (e.field == null) throw e;
                status = e.code.httpStatus;
                model.put("error", e.getMessage());
            }
        }
        page(req, res, status, "pages/search.jte", model);
    }
}
