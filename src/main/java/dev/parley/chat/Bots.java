package dev.parley.chat;

import dev.parley.auth.Principal;
import dev.parley.chat.ChatEvent.SessionEnded;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Bot accounts and their API tokens. A bot has no password and no refresh token: a program sends
 * its long-lived token as a bearer token to the JSON API and the socket, until an admin revokes
 * it. Each token authenticates as its own session, {@code bot:<token id>}, so revoking one closes
 * the sockets that use it, on every instance.
 */
public final class Bots {

    /** How an API token starts: tells it apart from an access token at a glance, and lets secret scanners find it. */
    public static final String PREFIX = "pbt_";

    private static final String SESSION = "bot:";
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    static final int MAX_LABEL = 64;

    /** A token just issued: the secret is in this answer and never again. */
    public record Issued(BotToken token, String secret) {}

    private final UserStore users;
    private final BotTokenStore tokens;
    private final Accounts accounts;
    private final Admins admins;
    private final AuditLog audit;
    private final EventBus bus;
    private final Clock clock;

    public Bots(UserStore users, BotTokenStore tokens, Accounts accounts, AuditLog audit, EventBus bus, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.accounts = accounts;
        this.admins = new Admins(users);
        this.audit = audit;
        this.bus = bus;
        this.clock = clock;
    }

    /** Whether a session id is a bot token's: such callers are programs, not people at a page. */
    public static boolean isBot(Principal principal) {
        return principal.sessionId() != null && principal.sessionId().startsWith(SESSION);
    }

    public static boolean looksLikeToken(String bearer) {
        return bearer != null && bearer.startsWith(PREFIX);
    }

    public Account create(long adminId, String username) {
        Account admin = admins.require(adminId);
        String name = Accounts.checkUsername(username);
        try {
            Account bot = users.registerBot(name, clock.instant());
            audit.record(admin, "bot.create", bot.username());
            return bot;
        } catch (DuplicateException e) {
            throw new ChatException(ErrorCode.CONFLICT, "username", "That username is taken.");
        }
    }

    public Issued issue(long adminId, String botUsername, String label) {
        Account admin = admins.require(adminId);
        Account bot = bot(botUsername);
        String clean = label == null || label.isBlank() ? "token" : label.strip();
        if (clean.length() > MAX_LABEL) throw ChatException.invalid("label", "At most " + MAX_LABEL + " characters.");
        if (clean.codePoints().anyMatch(Character::isISOControl))
            throw ChatException.invalid("label", "No control characters.");
        String secret = SecretTokens.generate(PREFIX);
        BotToken token = tokens.create(bot.id(), SecretTokens.hash(secret), clean, admin.id(), clock.instant());
        audit.record(admin, "bot.token.create", bot.username() + " · " + clean);
        return new Issued(token, secret);
    }

    public List<BotToken> tokens(long adminId) {
        admins.require(adminId);
        return tokens.all();
    }

    /** Revokes a token; the sockets it opened close at once, everywhere. */
    public void revoke(long adminId, long tokenId) {
        Account admin = admins.require(adminId);
        BotToken token = tokens.all().stream()
                .filter(t -> t.id() == tokenId)
                .findFirst()
                .orElseThrow(() -> ChatException.notFound("token"));
        if (tokens.revoke(tokenId, clock.instant())) {
            bus.publish(new SessionEnded(SESSION + tokenId));
            audit.record(admin, "bot.token.revoke", token.bot().username() + " · " + token.label());
        }
    }

    /** The bot a live token speaks for; empty when unknown, revoked, or its bot is deactivated. */
    public Optional<Principal> authenticate(String secret) {
        if (!looksLikeToken(secret)) return Optional.empty();
        Optional<BotToken> token = tokens.findByHash(SecretTokens.hash(secret)).filter(t -> !t.revoked());
        if (token.isEmpty()) return Optional.empty();
        Optional<Account> bot = users.findById(token.get().bot().id()).filter(a -> a.bot() && !a.deactivated());
        if (bot.isEmpty()) return Optional.empty();
        tokens.touch(token.get().id(), clock.instant(), TOUCH_EVERY);
        return Optional.of(new Principal(
                bot.get().id(),
                bot.get().username(),
                false,
                SESSION + token.get().id()));
    }

    /** A bot account by name; a person's name is refused, so no token ever speaks for a person. */
    Account bot(String username) {
        Account account = accounts.byUsername(username);
        if (!account.bot())
            throw new ChatException(ErrorCode.FORBIDDEN, "bot", account.username() + " is a person, not a bot.");
        if (account.deactivated())
            throw new ChatException(ErrorCode.CONFLICT, "bot", account.username() + " is deactivated.");
        return account;
    }
}
