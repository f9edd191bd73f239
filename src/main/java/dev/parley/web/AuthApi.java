package dev.parley.web;
import dev.parley.render.Json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.Parley;
import dev.parley.chat.ChatException;
import dev.parley.chat.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/** {@code /api/auth/*}: register, login, refresh, logout for programmatic clients. */
final class AuthApi extends ApiServlet {

    private final Parley parley;

    AuthApi(Parley parley, SameOrigin sameOrigin) {
        super(sameOrigin);
        this.parley = parley;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        List<String> path = Requests.segments(req);
        String action = path.size() == 1 ? path.get(0) : "";
        switch (action) {
            case "register" -> {
                JsonNode body = Requests.jsonBody(req);
                var account = parley.accounts.register(Json.text(body, "username"), Json.text(body, "password"));
                json(res, 201, ApiViews.Tokens.of(parley.sessions.start(account)));
            }
            case "login" -> {
                JsonNode body = Requests.jsonBody(req);
                var account = parley.accounts.logIn(Json.text(body, "username"), Json.text(body, "password"));
                json(res, 200, ApiViews.Tokens.of(parley.sessions.start(account)));
            }
            case "refresh" -> {
                JsonNode body = Requests.jsonBody(req);
                var pair = parley.sessions.refresh(Json.text(body, "refreshToken"))
                        .filter(p -> p.refreshToken() != null)
                        .orElseThrow(() -> new ChatException(ErrorCode.UNAUTHORIZED, "The refresh token is not valid."));
                json(res, 200, ApiViews.Tokens.of(pair));
            }
            case "logout" -> {
                parley.sessions.end(Requests.principal(req).sessionId());
                res.setStatus(204);
            }
            default -> throw noRoute();
        }
    }
}
