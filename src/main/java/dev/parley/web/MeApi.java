package dev.parley.web;

import dev.parley.auth.Principal;
import dev.parley.chat.Accounts;
import dev.parley.render.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code /api/me}: who the token belongs to, their password and their display name. */
final class MeApi extends ApiServlet {

    private final Accounts accounts;

    MeApi(Accounts accounts, SameOrigin sameOrigin) {
        super(sameOrigin);
        this.accounts = accounts;
    }

    /**
     * {@code POST /api/me/password {"currentPassword","newPassword"}}: 204; this session lives on,
     * the others end. {@code POST /api/me/profile {"displayName"}}: 200 with the new {@code /api/me}
     * (null or blank clears the name).
     */
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Principal me = Requests.principal(req);
        if ("/profile".equals(req.getPathInfo())) {
            var body = Requests.jsonBody(req);
            if (!body.has("displayName"))
                throw dev.parley.chat.ChatException.invalid(
                        "displayName", "\"displayName\" is required (null clears it).");
            String name = body.get("displayName").isNull() ? null : Json.text(body, "displayName");
            json(res, 200, view(accounts.setDisplayName(me, name)));
            return;
        }
        if (!"/password".equals(req.getPathInfo())) throw noRoute();
        var body = Requests.jsonBody(req);
        accounts.changePassword(me, Json.text(body, "currentPassword"), Json.text(body, "newPassword"));
        res.setStatus(204);
    }

    private static ApiViews.Me view(dev.parley.chat.Account account) {
        return new ApiViews.Me(
                account.id(), account.username(), account.displayName(), account.admin(), account.bot(), "online");
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Principal me = Requests.principal(req);
        if (req.getPathInfo() != null && !req.getPathInfo().equals("/")) throw noRoute();
        json(res, 200, view(accounts.byId(me.userId())));
    }
}
