package dev.parley.cluster;

import dev.parley.chat.PresenceState;

class LocalPresenceStateTest extends PresenceStateContract {

    @Override
    protected PresenceState newState() {
        return new LocalPresenceState();
    }

    @Override
    protected PresenceState sameStateOnAnotherInstance() {
        return state;
    }
}
