package dev.parley.web;

import dev.parley.auth.Principal;
import dev.parley.chat.Quotas;
import dev.parley.chat.TryLater;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Every JSON API request of a signed-in person takes from their allowance; beyond it, 429 with {@code Retry-After}. */
final class ApiRateLimit extends HttpFilter {

    private final Quotas quotas;

    ApiRateLimit(Quotas quotas) {
        this.quotas = quotas;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (req.getAttribute(Authenticator.PRINCIPAL) instanceof Principal me) {
            try {
                quotas.apiCall(me.userId());
            } catch (TryLater e) {
                ApiServlet.error(res, e);
                return;
            }
        }
        chain.doFilter(req, res);
    }
}
