package dev.parley.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.auth.Principal;
import dev.parley.chat.Message;
import dev.parley.chat.RoomEntry;
import dev.parley.chat.UserRef;
import dev.parley.testing.RecordingSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One room's delivery order, with the store as a list in memory and sockets that record what
 * they are sent: gaps filled from the store, the hold, the replay after {@code sync}, and no
 * message twice.
 */
class RoomChannelTest {

    private static final long ROOM = 7;
    private static final UserRef ALICE = new UserRef(1, "alice");

    private final List<Message> stored = new ArrayList<>();
    private final List<Long> reads = new ArrayList<>();
    private final SocketWriter writer = SocketWriter.byHand();

    private final RoomChannel.Store store = (roomId, afterSeq, limit) -> {
        reads.add(afterSeq);
        return stored.stream()
                .filter(m -> m.roomId() == roomId && m.seq() > afterSeq)
                .limit(limit)
                .map(RoomEntry.class::cast)
                .toList();
    };

    private Message post() {
        long seq = stored.size() + 1;
        var m = new Message(100 + seq, ROOM, seq, ALICE, "m" + seq, "m" + seq, Instant.EPOCH, null);
        stored.add(m);
        return m;
    }

    private RoomChannel channel() {
        return new RoomChannel(ROOM, stored.size(), store, m -> Frames.ofAll(() -> "m" + m.seq(), () -> "m" + m.seq()));
    }

    private record Socket(Connection connection, RecordingSocket wire) {
        List<String> received(SocketWriter writer) {
            while (writer.writeWaiting() > 0) {}
            return wire.texts();
        }
    }

    private Socket open(boolean live) {
        var wire = new RecordingSocket();
        var c = new Connection(wire, new Principal(2, "bob", false, "s"), Format.JSON, 0, new FrameRate(50), writer);
        if (live) c.goLive();
        return new Socket(c, wire);
    }

    @Test
    void aMessageAheadOfTheNextSeqFirstPullsTheMissingOnesFromTheStore() {
        var channel = channel();
        var bob = open(true);
        channel.follow(bob.connection());
        post();
        post();
        Message third = post();

        channel.deliver(third);

        assertThat(bob.received(writer)).containsExactly("m1", "m2", "m3");
        assertThat(reads).containsExactly(0L);
    }

    @Test
    void aMessageAlreadyDeliveredIsDropped() {
        var channel = channel();
        var bob = open(true);
        channel.follow(bob.connection());
        Message first = post();
        Message second = post();

        channel.deliver(first);
        channel.deliver(second);
        channel.deliver(first);
        channel.deliver(second);

        assertThat(bob.received(writer)).containsExactly("m1", "m2");
        assertThat(reads).isEmpty();
    }

    @Test
    void messagesWaitForAHeldConnectionUntilItGoesLive() {
        var channel = channel();
        var bob = open(false);
        channel.follow(bob.connection());

        channel.deliver(post());
        assertThat(bob.received(writer)).isEmpty();

        bob.connection().goLive();
        assertThat(bob.received(writer)).containsExactly("m1");
    }

    @Test
    void aSyncReplaysWhatCameAfterTheClientsSeqThenLiveResumesWithoutRepeats() {
        post();
        post();
        post();
        var channel = channel();
        var bob = open(false);
        channel.follow(bob.connection());
        channel.deliver(post());

        var replay = channel.replay(bob.connection(), 1, 1000, Long.MAX_VALUE);
        bob.connection().goLive();
        channel.deliver(post());

        // The held m4 is replayed with the rest, in order, and not sent again when the connection goes live.
        assertThat(replay).isEqualTo(new RoomChannel.Replay(3, 6, false));
        assertThat(bob.received(writer)).containsExactly("m2", "m3", "m4", "m5");
    }

    @Test
    void aConnectionThatWentLiveBeforeItsSyncIsReplayedOnlyWhatCameBeforeIt() {
        post();
        post();
        var channel = channel();
        var bob = open(true);
        channel.follow(bob.connection());
        channel.deliver(post());

        channel.replay(bob.connection(), 0, 1000, Long.MAX_VALUE);

        assertThat(bob.received(writer)).containsExactly("m3", "m1", "m2");
    }

    @Test
    void aReplayBeyondItsLimitSendsTheNewestAndReportsAGap() {
        for (int i = 0; i < 5; i++) post();
        var channel = channel();
        var bob = open(false);
        channel.follow(bob.connection());

        var replay = channel.replay(bob.connection(), 0, 2, Long.MAX_VALUE);

        assertThat(replay).isEqualTo(new RoomChannel.Replay(2, 4, true));
        assertThat(bob.received(writer)).containsExactly("m4", "m5");
    }

    @Test
    void aReplayBeyondItsBudgetOfTextSendsTheNewestThatFitAndReportsAGap() {
        for (int i = 0; i < 5; i++) post();
        var channel = channel();
        var bob = open(false);
        channel.follow(bob.connection());

        var replay = channel.replay(bob.connection(), 0, 1000, 4);

        assertThat(replay).isEqualTo(new RoomChannel.Replay(2, 4, true));
        assertThat(bob.received(writer)).containsExactly("m4", "m5");
    }

    @Test
    void aReplayWithItsBudgetSpentByEarlierRoomsSendsNothingAndReportsAGap() {
        for (int i = 0; i < 3; i++) post();
        var channel = channel();
        var bob = open(false);
        channel.follow(bob.connection());

        var replay = channel.replay(bob.connection(), 0, 1000, 0);

        assertThat(replay).isEqualTo(new RoomChannel.Replay(0, 0, true));
        assertThat(bob.received(writer)).isEmpty();
    }

    @Test
    void catchingUpDeliversTheTailTheBusNeverBrought() {
        var channel = channel();
        var bob = open(true);
        channel.follow(bob.connection());
        channel.deliver(post());
        post();
        post();

        channel.catchUp(3);
        channel.catchUp(3);

        assertThat(bob.received(writer)).containsExactly("m1", "m2", "m3");
        assertThat(reads).containsExactly(1L);
    }

    @Test
    void anUnfollowedConnectionGetsNothingMore() {
        var channel = channel();
        var bob = open(true);
        var carol = open(true);
        channel.follow(bob.connection());
        channel.follow(carol.connection());
        channel.deliver(post());

        channel.unfollow(carol.connection());
        channel.deliver(post());

        assertThat(bob.received(writer)).containsExactly("m1", "m2");
        assertThat(carol.received(writer)).containsExactly("m1");
        assertThat(channel.followers()).containsExactly(bob.connection());
    }
}
