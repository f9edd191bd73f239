package dev.parley.cluster;

class LocalTypingStateTest extends TypingStateContract {

    @Override
    protected TypingState newState() {
        return new LocalTypingState();
    }

    @Override
    protected TypingState sameStateOnAnotherInstance() {
        return state;
    }
}
