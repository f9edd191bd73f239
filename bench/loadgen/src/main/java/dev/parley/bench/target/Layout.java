package dev.parley.bench.target;

import java.util.ArrayList;
import java.util.List;

/** Who is in which room: users are 0..users-1, each room a list of user indexes. */
public record Layout(int users, List<int[]> rooms) {

    /** {@code rooms} rooms of {@code size} members each, every user in exactly one room. */
    public static Layout disjointRooms(int rooms, int size) {
        List<int[]> list = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            int[] m = new int[size];
            for (int i = 0; i < size; i++) m[i] = r * size + i;
            list.add(m);
        }
        return new Layout(rooms * size, list);
    }

    public List<Integer> roomsOf(int user) {
        List<Integer> out = new ArrayList<>();
        for (int r = 0; r < rooms.size(); r++) {
            for (int u : rooms.get(r)) {
                if (u == user) {
                    out.add(r);
                    break;
                }
            }
        }
        return out;
    }
}
