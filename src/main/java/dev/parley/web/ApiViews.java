package dev.parley.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.chat.Room;
import dev.parley.chat.RoomListing;
import dev.parley.chat.TokenPair;
import dev.parley.chat.UserRef;
import java.util.List;
import java.util.Locale;

/** The shapes of the JSON API, apart from messages, which serialize as they are. */
final class ApiViews {

    private ApiViews() {}

    record Tokens(String accessToken, String refreshToken, long expiresIn, UserRef user) {
        static Tokens of(TokenPair pair) {
            return new Tokens(
                    pair.accessToken(),
                    pair.refreshToken(),
                    pair.expiresInSeconds(),
                    new UserRef(pair.principal().userId(), pair.principal().username()));
        }
    }

    record Me(long id, String username, String displayName, boolean admin, boolean bot, String status) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RoomView(
            long id,
            String name,
            @JsonProperty("private") boolean isPrivate,
            String kind,
            Long ownerId,
            long lastSeq,
            Boolean member,
            Long unread,
            UserRef peer,
            List<UserRef> people,
            List<UserRef> members) {

        static RoomView of(Room r) {
            return new RoomView(
                    r.id(),
                    r.name(),
                    r.isPrivate(),
                    r.kind().name().toLowerCase(Locale.ROOT),
                    r.ownerId(),
                    r.lastSeq(),
                    null,
                    null,
                    null,
                    null,
                    null);
        }

        static RoomView of(RoomListing l) {
            Room r = l.room();
            return new RoomView(
                    r.id(),
                    l.displayName(),
                    r.isPrivate(),
                    r.kind().name().toLowerCase(Locale.ROOT),
                    r.ownerId(),
                    r.lastSeq(),
                    l.member(),
                    l.unread(),
                    l.directPeer(),
                    l.room().isGroup() ? l.groupPeers() : null,
                    null);
        }

        /** Search does not count unread messages: leave the field out rather than say 0. */
        RoomView withoutUnread() {
            return new RoomView(id, name, isPrivate, kind, ownerId, lastSeq, member, null, peer, people, members);
        }

        RoomView withMembers(List<UserRef> members) {
            return new RoomView(id, name, isPrivate, kind, ownerId, lastSeq, true, unread, peer, people, members);
        }
    }

    record ReadMark(long roomId, long seq) {}

    /** An edit, delete or reaction: the change's seq (null when nothing changed) and the message as it now is. */
    record ChangeResult(Long seq, dev.parley.chat.Message message) {}

    record Error(Body error) {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        record Body(String code, String message, String field, Long retryAfterMs) {}
    }
}
