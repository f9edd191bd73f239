package dev.parley.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.auth.Principal;
import dev.parley.chat.ChatException;
import dev.parley.chat.ErrorCode;
import dev.parley.render.Json;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.eclipse.jetty.http.BadMessageException;

/** Reading what a request says: who sent it, which path segments, which body. */
final class Requests {

    static final int MAX_BODY = 64 * 1024;

    private Requests() {}

    static Principal principal(HttpServletRequest req) {
        Object p = req.getAttribute(Authenticator.PRINCIPAL);
        if (p == null) throw new ChatException(ErrorCode.UNAUTHORIZED, "Sign in first.");
        return (Principal) p;
    }

    /** The client's network address ({@link ClientAddress}), for limits per address. */
    static String address(HttpServletRequest req) {
        Object a = req.getAttribute(ClientAddress.ATTRIBUTE);
        return a != null ? (String) a : req.getRemoteAddr();
    }

    /** Says when to retry, in whole seconds, when the refusal is one that passes. */
    static void retryAfter(jakarta.servlet.http.HttpServletResponse res, ChatException e) {
        if (e instanceof dev.parley.chat.TryLater later)
            res.setHeader("Retry-After", Long.toString(later.retryAfterSeconds()));
    }

    static boolean signedIn(HttpServletRequest req) {
        return req.getAttribute(Authenticator.PRINCIPAL) != null;
    }

    /** The path below the servlet's mapping, split on '/': "/7/messages" is ["7", "messages"]. */
    static List<String> segments(HttpServletRequest req) {
        String info = req.getPathInfo();
        if (info == null || info.equals("/")) return List.of();
        return List.of(info.substring(1).split("/", -1));
    }

    /** A numeric id from a path; a malformed one names nothing, so it is a not-found. */
    static long id(String segment, String what) {
        try {
            long id = Long.parseLong(segment);
            if (id > 0) return id;
        } catch (NumberFormatException ignored) {
            // falls through
        }
        throw ChatException.notFound(what);
    }

    /** An optional numeric query parameter; present but not a number is an {@code invalid_payload}. */
    static Long longParam(HttpServletRequest req, String name) {
        String v = req.getParameter(name);
        if (v == null || v.isBlank()) return null;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw ChatException.invalid(name, "\"" + name + "\" must be a number.");
        }
    }

    static JsonNode jsonBody(HttpServletRequest req) throws IOException {
        checkDeclaredSize(req);
        try (InputStream in = req.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) throw tooLarge();
            return Json.readObject(new java.io.ByteArrayInputStream(body));
        }
    }

    static boolean isHtmx(HttpServletRequest req) {
        return "true".equals(req.getHeader("HX-Request"));
    }

    /** Refuses a declared body above the limit before anything reads it: forms and JSON alike. */
    static void checkDeclaredSize(HttpServletRequest req) {
        if (req.getContentLengthLong() > MAX_BODY) throw tooLarge();
    }

    /** What Jetty's refusal to parse a request body (a form beyond its limit, bad encoding) means in the contract's terms. */
    static ChatException unreadable(BadMessageException e) {
        if (e.getCode() == 413) return tooLarge();
        return ChatException.invalid(null, "The request body cannot be read.");
    }

    private static ChatException tooLarge() {
        return new ChatException(ErrorCode.TOO_LARGE, "The body is larger than " + MAX_BODY + " bytes.");
    }
}
