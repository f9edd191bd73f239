package dev.parley.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.chat.Account;
import dev.parley.chat.AuditEntry;
import dev.parley.chat.BotToken;
import dev.parley.chat.Invite;
import dev.parley.chat.Registration;
import dev.parley.chat.UserRef;
import dev.parley.chat.Webhook;
import java.time.Instant;
import java.util.Locale;

/** The shapes of {@code /api/admin}. */
final class AdminViews {

    private AdminViews() {}

    record Person(long id, String username, boolean admin, boolean bot, boolean deactivated, Instant createdAt) {
        static Person of(Account a) {
            return new Person(a.id(), a.username(), a.admin(), a.bot(), a.deactivated(), a.createdAt());
        }
    }

    record Mode(String mode, String defaultMode) {
        static Mode of(Registration mode, Registration fallback) {
            return new Mode(mode.wire(), fallback.wire());
        }
    }

    /** An invite link; {@code token} and {@code url} only in the answer that made it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InviteView(
            long id,
            UserRef createdBy,
            Instant createdAt,
            Instant expiresAt,
            Integer maxUses,
            int uses,
            String state,
            String token,
            String url) {
        static InviteView of(Invite i, Instant now) {
            return new InviteView(
                    i.id(),
                    i.createdBy(),
                    i.createdAt(),
                    i.expiresAt(),
                    i.maxUses(),
                    i.uses(),
                    i.state(now).name().toLowerCase(Locale.ROOT),
                    null,
                    null);
        }

        InviteView withLink(String token, String url) {
            return new InviteView(id, createdBy, createdAt, expiresAt, maxUses, uses, state, token, url);
        }
    }

    /** A bot's API token; {@code token} only in the answer that issued it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BotTokenView(
            long id,
            UserRef bot,
            String label,
            UserRef createdBy,
            Instant createdAt,
            Instant lastUsedAt,
            boolean revoked,
            String token) {
        static BotTokenView of(BotToken t, String token) {
            return new BotTokenView(
                    t.id(), t.bot(), t.label(), t.createdBy(), t.createdAt(), t.lastUsedAt(), t.revoked(), token);
        }
    }

    /** An incoming webhook; {@code token} and {@code url} only in the answer that made it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WebhookView(
            long id,
            long roomId,
            UserRef bot,
            UserRef createdBy,
            Instant createdAt,
            Instant lastUsedAt,
            boolean revoked,
            String token,
            String url) {
        static WebhookView of(Webhook w, String token, String url) {
            return new WebhookView(
                    w.id(), w.roomId(), w.bot(), w.createdBy(), w.createdAt(), w.lastUsedAt(), w.revoked(), token, url);
        }
    }

    record Audit(long id, UserRef actor, String action, String target, Instant at) {
        static Audit of(AuditEntry e) {
            return new Audit(e.id(), e.actor(), e.action(), e.target(), e.at());
        }
    }
}
