package dev.parley.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.chat.Accounts;
import dev.parley.chat.ChatException;
import dev.parley.chat.ErrorCode;
import dev.parley.chat.Sessions;
import dev.parley.render.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/** {@code /api/auth/*}: register, login, refresh, logout for programmatic clients. */
final class AuthApi extends ApiServlet {

    private final Accounts accounts;
    private final Sessions sessions;

    AuthApi(Accounts accounts, Sessions sessions, SameOrigin sameOrigin) {
        super(sameOrigin);
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        List<String> path = Requests.segments(req);
        String action = path.size() == 1 ? path.get(0) : "";
        switch (action) {
            case "register" -> {
                JsonNode body = Requests.jsonBody(req);
                var account = accounts.register(
                        Json.text(body, "username"),
                        Json.text(body, "password"),
                        Requests.address(req),
                        Json.optionalText(body, "invite"));
                json(res, 201, ApiViews.Tokens.of(sessions.start(account)));
            }
            case "login" -> {
                JsonNode body = Requests.jsonBody(req);
                var account =
                        accounts.logIn(Json.text(body, "username"), Json.text(body, "password"), Requests.address(req));
                json(res, 200, ApiViews.Tokens.of(sessions.start(account)));
            }
            case "refresh" -> {
                JsonNode body = Requests.jsonBody(req);
                var pair = sessions.refresh(Json.text(body, "refreshToken"))
                        .filter(p -> p.refreshToken() != null)
                        .orElseThrow(
                                () -> new ChatException(ErrorCode.UNAUTHORIZED, "The refresh token is not valid."));
                json(res, 200, ApiViews.Tokens.of(pair));
            }
            case "logout" -> {
                if (dev.parley.chat.Bots.isBot(Requests.principal(req))) {
                    throw new ChatException(
                            ErrorCode.FORBIDDEN,
                            "A bot token lasts until an admin revokes it: there is nothing to log out of.");
                }
                sessions.end(Requests.principal(req).sessionId());
                res.setStatus(204);
            }
            default -> throw noRoute();
        }
    }
}
