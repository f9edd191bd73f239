package dev.parley.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.chat.Message;
import dev.parley.chat.Webhook;
import dev.parley.chat.Webhooks;
import dev.parley.render.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * {@code POST /hooks/{token}} with {@code {"text": "…"}}: an incoming webhook posts into its room
 * as its bot. The token is the only credential, so the token is checked before the body is read:
 * an unknown or revoked one is a 404 whatever was sent. Slack-style senders may add fields this
 * does not use ({@code username}, {@code icon_emoji}...): they are ignored.
 */
final class HookApi extends ApiServlet {

    private final Webhooks webhooks;

    HookApi(Webhooks webhooks, SameOrigin sameOrigin) {
        super(sameOrigin);
        this.webhooks = webhooks;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        List<String> path = Requests.segments(req);
        if (path.size() != 1) throw noRoute();
        Webhook webhook = webhooks.active(path.get(0));
        JsonNode body = Requests.jsonBody(req);
        Message posted = webhooks.post(webhook, Json.text(body, "text"), Json.optionalText(body, "clientId"));
        json(res, 200, posted);
    }
}
