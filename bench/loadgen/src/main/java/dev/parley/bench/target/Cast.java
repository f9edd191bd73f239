package dev.parley.bench.target;

import java.util.ArrayList;
import java.util.List;

/** A layout made real on one target: its members with their tokens, and the server's id of each room. */
public record Cast(Layout layout, Member[] members, long[] roomIds) {

    public List<Long> roomIdsOf(int user) {
        List<Long> ids = new ArrayList<>();
        for (int r : layout.roomsOf(user)) ids.add(roomIds[r]);
        return ids;
    }
}
