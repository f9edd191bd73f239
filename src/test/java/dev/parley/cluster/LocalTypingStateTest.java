package dev.parley.cluster;

import dev.parley.chat.TypingState;

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
