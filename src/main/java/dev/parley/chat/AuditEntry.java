package dev.parley.chat;

import java.time.Instant;

/** One admin action: who did what to whom ({@code target}: a username, an invite number...), and when. */
public record AuditEntry(long id, UserRef actor, String action, String target, Instant at) {}
