package dev.parley.web;

import dev.parley.auth.Principal;
import dev.parley.chat.Accounts;
import dev.parley.render.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /api/me}: who the token belongs to. */
final class MeApi extends ApiServlet {

    private final Accounts accounts;

    MeApi(Accounts accounts, SameOrigin sameOrigin) {
        super(sameOrigin);
        this.accounts = accounts;
    }

    /** {@code POST /api/me/password {"currentPassword","newPassword"}}: 204; this session lives on, the others end. */
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Principal me = Requests.principal(req);
        if (!"/password".equals(req.getPathInfo())) throw noRoute();
        var body = Requests.jsonBody(req);
        accounts.changePassword(me, Json.text(body, "currentPassword"), Json.text(body, "newPassword"));
        res.setStatus(204);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Principal me = Requests.principal(req);
        if (req.getPathInfo() != null && !req.getPathInfo().equals("/")) throw noRoute();
        var account = accounts.byId(me.userId());
        json(res, 200, new ApiViews.Me(account.id(), account.username(), account.admin(), account.bot(), "online"));
    }
}
