package dev.parley.web;

import dev.parley.chat.ChatException;
import dev.parley.chat.ErrorCode;
import dev.parley.chat.StoreException;
import dev.parley.render.Templates;
import dev.parley.util.FailureLog;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of the HTML pages: refuses cross-site form posts, sends signed-out visitors to the login
 * page, and shows other refusals as a plain error page (htmx requests get the bare message).
 */
abstract class PageServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(PageServlet.class);
    private static final FailureLog FAILURES = new FailureLog(log);

    final Templates templates;
    private final SameOrigin sameOrigin;

    PageServlet(Templates templates, SameOrigin sameOrigin) {
        this.templates = templates;
        this.sameOrigin = sameOrigin;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
        try {
            if (!ApiServlet.isSafe(req.getMethod()) && !sameOrigin.allows(req)) {
                throw new ChatException(ErrorCode.FORBIDDEN, "Cross-site request refused.");
            }
            checkDeclaredSize(req);
            if (req.getAttribute(Authenticator.PRINCIPAL) instanceof dev.parley.auth.Principal p
                    && dev.parley.chat.Bots.isBot(p)) {
                throw new ChatException(
                        ErrorCode.FORBIDDEN, "Bot tokens work with the JSON API and the socket, not with pages.");
            }
            super.service(req, res);
        } catch (BadMessageException e) {
            refuse(req, res, Requests.unreadable(e));
        } catch (ChatException e) {
            refuse(req, res, e);
        } catch (StoreException e) {
            FAILURES.failed(req.getMethod() + " " + req.getRequestURI(), e);
            refuse(
                    req,
                    res,
                    new ChatException(ErrorCode.UNAVAILABLE, "The server's database failed; try again in a moment."));
        } catch (Exception e) {
            FAILURES.failed(req.getMethod() + " " + req.getRequestURI(), e);
            refuse(req, res, new ChatException(ErrorCode.INTERNAL, "Something went wrong on our side."));
        }
    }

    /** Refuses a body declared larger than this page takes, before it is read. */
    void checkDeclaredSize(HttpServletRequest req) {
        Requests.checkDeclaredSize(req);
    }

    private void refuse(HttpServletRequest req, HttpServletResponse res, ChatException e) throws IOException {
        if (res.isCommitted()) return;
        res.resetBuffer();
        Requests.retryAfter(res, e);
        if (e.code == ErrorCode.UNAUTHORIZED) {
            String next = URLEncoder.encode(req.getRequestURI(), StandardCharsets.UTF_8);
            if (Requests.isHtmx(req)) {
                res.setHeader("HX-Redirect", "/login?next=" + next);
                res.setStatus(401);
            } else {
                res.sendRedirect("/login?next=" + next);
            }
            return;
        }
        if (Requests.isHtmx(req)) {
            res.setStatus(e.code.httpStatus);
            res.setContentType("text/plain;charset=utf-8");
            res.getWriter().write(e.getMessage());
            return;
        }
        var model = new HashMap<String, Object>();
        model.put("me", req.getAttribute(Authenticator.PRINCIPAL));
        model.put("status", e.code.httpStatus);
        model.put("message", e.getMessage());
        write(res, e.code.httpStatus, "pages/error.jte", model);
    }

    void page(HttpServletRequest req, HttpServletResponse res, int status, String template, Map<String, Object> model)
            throws IOException {
        var all = new HashMap<>(model);
        all.putIfAbsent("me", req.getAttribute(Authenticator.PRINCIPAL));
        write(res, status, template, all);
    }

    /** A local path to go to after signing in; anything else (other hosts, "//evil") becomes "/": see {@link NextPath}. */
    static String safeNext(String next) {
        return NextPath.of(next);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        throw ChatException.notFound("page");
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        throw ChatException.notFound("page");
    }

    /** Writes a rendered page, never cached: every page shows the signed-in person's own state. */
    final void write(HttpServletResponse res, int status, String template, Map<String, Object> model)
            throws IOException {
        String html = templates.render(template, model);
        res.setStatus(status);
        res.setContentType("text/html;charset=utf-8");
        res.setHeader("Cache-Control", "no-store");
        res.getWriter().write(html);
    }
}
