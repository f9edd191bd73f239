package dev.parley.chat;

import dev.parley.auth.Principal;
import dev.parley.chat.ChatEvent.TypingChanged;
import java.time.Duration;

/**
 * "Alice is typing…": a member types in a room until {@link Timings#TYPING_TIMEOUT} after their
 * latest typing-start, or until they stop, send, leave or disconnect. Relayed, never stored.
 * {@link #expire} is driven by the {@link DomainClock}; deadlines count on the shared state's
 * clock ({@link TypingState#now()}).
 */
public final class Typing {

    static final Duration TIMEOUT = Timings.TYPING_TIMEOUT;

    private final TypingState state;
    private final RoomStore rooms;
    private final EventBus bus;
    private final Quotas quotas;

    public Typing(TypingState state, RoomStore rooms, EventBus bus, Quotas quotas) {
        this.state = state;
        this.rooms = rooms;
        this.bus = bus;
        this.quotas = quotas;
    }

    public void start(Principal typist, long roomId) {
        Rooms.joined(rooms, typist, roomId);
        quotas.typing(typist.userId());
        UserRef user = UserRef.of(typist);
        if (state.start(roomId, user, state.now().plus(TIMEOUT))) {
            bus.publish(new TypingChanged(roomId, user, true, state.typers(roomId)));
        }
    }

    /** An explicit typing-stop, which, like every room event, needs membership. */
    public void stop(Principal typist, long roomId) {
        Rooms.joined(rooms, typist, roomId);
        stopped(typist, roomId);
    }

    /** Ends typing without a membership check: the typist sent, left, or went away. */
    public void stopped(Principal typist, long roomId) {
        stopped(UserRef.of(typist), roomId);
    }

    public void stopped(UserRef typist, long roomId) {
        try {
            if (state.stop(roomId, typist.id())) {
                bus.publish(new TypingChanged(roomId, typist, false, state.typers(roomId)));
            }
        } catch (ClusterUnavailable e) {
            // The entry runs out on its own within TIMEOUT.
        }
    }

    /** Ends every typing whose time ran out; called by the {@link DomainClock}. */
    public void expire() {
        try {
            for (var entry : state.expire(state.now())) {
                bus.publish(new TypingChanged(entry.roomId(), entry.user(), false, state.typers(entry.roomId())));
            }
        } catch (ClusterUnavailable e) {
            // Expired at a later tick, once the shared state answers again.
        }
    }
}
