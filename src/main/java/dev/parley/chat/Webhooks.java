package dev.parley.chat;

import dev.parley.auth.Principal;
import dev.parley.chat.ChatEvent.MemberJoined;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Incoming webhooks: a secret URL per room that posts what it receives as a bot, so CI servers
 * and monitoring can talk to the team without an account of their own. An unknown or revoked
 * token is a plain not-found, never a hint that it once existed.
 */
public final class Webhooks {

    public static final String PREFIX = "whk_";
    /** A burst of 20 posts, then one a second: plenty for alerts, too little to flood a room. */
    static final int BURST = 20;

    static final Duration REFILL_ONE = Duration.ofSeconds(1);
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    /** A webhook just made: the token is in this answer and never again. */
    public record Created(Webhook webhook, String token) {}

    private final WebhookStore store;
    private final RoomStore rooms;
    private final Bots bots;
    private final Messages messages;
    private final Admins admins;
    private final AuditLog audit;
    private final EventBus bus;
    private final Clock clock;
    /** Per instance: with N instances a hook may post N times as fast. */
    private final ConcurrentHashMap<Long, Bucket> limits = new ConcurrentHashMap<>();

    public Webhooks(
            WebhookStore store,
            RoomStore rooms,
            Bots bots,
            Messages messages,
            UserStore users,
            AuditLog audit,
            EventBus bus,
            Clock clock) {
        this.store = store;
        this.rooms = rooms;
        this.bots = bots;
        this.messages = messages;
        this.admins = new Admins(users);
        this.audit = audit;
        this.bus = bus;
        this.clock = clock;
    }

    /** Makes a webhook posting into a channel as the bot, which joins the channel if it is not in it. */
    public Created create(long adminId, long roomId, String botUsername) {
        Account admin = admins.require(adminId);
        Room room = rooms.find(roomId).filter(r -> !r.isDirect()).orElseThrow(() -> ChatException.notFound("room"));
        Account bot = bots.bot(botUsername);
        if (rooms.addMember(room.id(), bot.id())) bus.publish(new MemberJoined(room.id(), bot.ref()));
        String token = SecretTokens.generate(PREFIX);
        Webhook webhook = store.create(room.id(), bot.id(), SecretTokens.hash(token), admin.id(), clock.instant());
        audit.record(admin, "webhook.create", "#" + room.name() + " as " + bot.username());
        return new Created(webhook, token);
    }

    public List<Webhook> list(long adminId) {
        admins.require(adminId);
        return store.all();
    }

    public void revoke(long adminId, long webhookId) {
        Account admin = admins.require(adminId);
        Webhook webhook = store.all().stream()
                .filter(w -> w.id() == webhookId)
                .findFirst()
                .orElseThrow(() -> ChatException.notFound("webhook"));
        if (store.revoke(webhookId, clock.instant()))
            audit.record(
                    admin,
                    "webhook.revoke",
                    "webhook " + webhook.id() + " as " + webhook.bot().username());
    }

    /** The live webhook of a token; unknown, revoked, or of a deactivated bot: not found. */
    public Webhook active(String token) {
        if (token == null || !token.startsWith(PREFIX)) throw ChatException.notFound("webhook");
        return store.findByHash(SecretTokens.hash(token))
                .filter(w -> !w.revoked())
                .orElseThrow(() -> ChatException.notFound("webhook"));
    }

    /** Posts {@code text} into the webhook's room as its bot: checked, stored and delivered as any message. */
    public Message post(Webhook webhook, String text, String clientId) {
        Account bot;
        try {
            bot = bots.bot(webhook.bot().username());
        } catch (ChatException e) {
            throw ChatException.notFound("webhook");
        }
        if (!limits.computeIfAbsent(webhook.id(), id -> bucket()).tryConsume(1)) {
            throw new ChatException(
                    ErrorCode.RATE_LIMITED,
                    "Too many posts to this webhook: at most one a second after a burst of " + BURST + ".");
        }
        Message message = messages.post(
                        new Principal(bot.id(), bot.username(), false, "webhook:" + webhook.id()),
                        webhook.roomId(),
                        text,
                        clientId)
                .message();
        store.touch(webhook.id(), clock.instant(), TOUCH_EVERY);
        return message;
    }

    private static Bucket bucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(BURST)
                        .refillGreedy(1, REFILL_ONE)
                        .build())
                .build();
    }
}
