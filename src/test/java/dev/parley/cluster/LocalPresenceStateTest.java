package dev.parley.cluster;

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
