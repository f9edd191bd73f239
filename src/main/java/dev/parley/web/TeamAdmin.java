package dev.parley.web;

import dev.parley.chat.AuditLog;
import dev.parley.chat.Bots;
import dev.parley.chat.DefaultRooms;
import dev.parley.chat.Invitations;
import dev.parley.chat.People;
import dev.parley.chat.Webhooks;
import java.net.URI;
import java.util.Optional;

/**
 * The services behind {@code /admin} and {@code /api/admin}: people, invite links and sign-up,
 * default rooms, the audit log, bots and webhooks — and the public address links are made of.
 */
public record TeamAdmin(
        People people,
        Invitations invitations,
        DefaultRooms defaultRooms,
        AuditLog audit,
        Bots bots,
        Webhooks webhooks,
        Optional<URI> publicUrl,
        dev.parley.chat.LogLevels logLevels) {

    /** The link to hand a newcomer: the public address when one is set, else the address this request came to. */
    String inviteLink(jakarta.servlet.http.HttpServletRequest req, String token) {
        return base(req) + "/register?invite=" + token;
    }

    /** The address to give a CI server or monitoring for a webhook. */
    String hookUrl(jakarta.servlet.http.HttpServletRequest req, String token) {
        return base(req) + "/hooks/" + token;
    }

    private String base(jakarta.servlet.http.HttpServletRequest req) {
        return publicUrl
                .map(URI::toString)
                .orElseGet(() -> req.getScheme() + "://" + req.getServerName()
                        + (req.getServerPort() == 80 || req.getServerPort() == 443 ? "" : ":" + req.getServerPort()));
    }
}
