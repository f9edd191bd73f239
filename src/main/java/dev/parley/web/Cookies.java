package dev.parley.web;

import dev.parley.auth.AccessTokens;
import dev.parley.chat.Sessions;
import dev.parley.chat.TokenPair;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The browser's credentials: the access token and the refresh token, each in an HttpOnly,
 * SameSite=Lax cookie (Secure when Parley is served over https), so page scripts never see them.
 */
final class Cookies {

    static final String ACCESS = "parley_at";
    static final String REFRESH = "parley_rt";

    private final boolean secure;

    Cookies(boolean secure) {
        this.secure = secure;
    }

    void signIn(HttpServletResponse res, TokenPair pair) {
        res.addCookie(cookie(ACCESS, pair.accessToken(), (int) AccessTokens.LIFETIME.toSeconds()));
        if (pair.refreshToken() != null) {
            res.addCookie(cookie(REFRESH, pair.refreshToken(), (int) Sessions.REFRESH_LIFETIME.toSeconds()));
        }
    }

    void signOut(HttpServletResponse res) {
        res.addCookie(cookie(ACCESS, "", 0));
        res.addCookie(cookie(REFRESH, "", 0));
    }

    static String read(HttpServletRequest req, String name) {
        Cookie[] cookies = req.getCookies();
        if (cookies == null) return null;
        for (Cookie c : cookies) {
            if (name.equals(c.getName()) && !c.getValue().isEmpty()) return c.getValue();
        }
        return null;
    }

    private Cookie cookie(String name, String value, int maxAge) {
        var c = new Cookie(name, value);
        c.setPath("/");
        c.setHttpOnly(true);
        c.setSecure(secure);
        c.setMaxAge(maxAge);
        c.setAttribute("SameSite", "Lax");
        return c;
    }
}
