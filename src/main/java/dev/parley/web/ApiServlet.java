package dev.parley.web;

import dev.parley.chat.ChatException;
import dev.parley.chat.ErrorCode;
import dev.parley.chat.StoreException;
import dev.parley.render.Json;
import dev.parley.util.FailureLog;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of the JSON API endpoints: refuses cross-site cookie requests and turns every failure into
 * {@code {"error":{"code","message"}}} with a fitting status — never a stack trace.
 */
abstract class ApiServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(ApiServlet.class);
    private static final FailureLog FAILURES = new FailureLog(log);

    private final SameOrigin sameOrigin;

    ApiServlet(SameOrigin sameOrigin) {
        this.sameOrigin = sameOrigin;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
        try {
            // A method no route of this servlet takes: answer in the API's shape, not the servlet's bare 405.
            if (!isSafe(req.getMethod()) && !req.getMethod().equals("POST") && !takes(req.getMethod())) throw noRoute();
            if (!isSafe(req.getMethod()) && !sameOrigin.allows(req)) {
                throw new ChatException(ErrorCode.FORBIDDEN, "Cross-site request refused.");
            }
            checkDeclaredSize(req);
            // The servlet API of Jetty's ee10 has no doPatch.
            if (req.getMethod().equals("PATCH")) doPatch(req, res);
            else super.service(req, res);
        } catch (BadMessageException e) {
            error(res, Requests.unreadable(e));
        } catch (ChatException e) {
            error(res, e);
        } catch (StoreException e) {
            FAILURES.failed(req.getMethod() + " " + req.getRequestURI(), e);
            error(
                    res,
                    new ChatException(ErrorCode.UNAVAILABLE, "The server's database failed; try again in a moment."));
        } catch (Exception e) {
            FAILURES.failed(req.getMethod() + " " + req.getRequestURI(), e);
            error(res, new ChatException(ErrorCode.INTERNAL, "Something went wrong on our side."));
        }
    }

    /** Refuses a body declared larger than this route takes, before it is read. */
    void checkDeclaredSize(HttpServletRequest req) {
        Requests.checkDeclaredSize(req);
    }

    static boolean isSafe(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    static void json(HttpServletResponse res, int status, Object body) throws IOException {
        res.setStatus(status);
        res.setContentType("application/json;charset=utf-8");
        res.setHeader("Cache-Control", "no-store");
        res.getWriter().write(Json.write(body));
    }

    static void error(HttpServletResponse res, ChatException e) throws IOException {
        if (res.isCommitted()) return;
        res.resetBuffer();
        if (e.code == ErrorCode.UNAUTHORIZED) res.setHeader("WWW-Authenticate", "Bearer");
        Requests.retryAfter(res, e);
        Long retryAfterMs = e instanceof dev.parley.chat.TryLater later ? later.retryAfterMs() : null;
        json(
                res,
                e.code.httpStatus,
                new ApiViews.Error(new ApiViews.Error.Body(e.code.wire(), e.getMessage(), e.field, retryAfterMs)));
    }

    /** Unknown route or method: the same JSON error shape as everything else. */
    static ChatException noRoute() {
        return ChatException.notFound("route");
    }

    /** Whether some route here takes {@code method} besides GET and POST (PUT, PATCH, DELETE). */
    protected boolean takes(String method) {
        return false;
    }

    protected void doPatch(HttpServletRequest req, HttpServletResponse res) throws IOException {
        throw noRoute();
    }

    @Override
    protected void doPut(HttpServletRequest req, HttpServletResponse res) throws IOException {
        throw noRoute();
    }

    @Override
    protected void doDelete(HttpServletRequest req, HttpServletResponse res) throws IOException {
        throw noRoute();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        throw noRoute();
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        throw noRoute();
    }
}
