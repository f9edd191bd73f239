package dev.parley.chat;

import java.util.List;

/** The channels newcomers are put in when they sign up (e.g. #general). */
public interface DefaultRoomStore {

    /** Ordered by room id. */
    List<Long> roomIds();

    /** @return whether anything changed */
    boolean mark(long roomId, boolean isDefault);
}
