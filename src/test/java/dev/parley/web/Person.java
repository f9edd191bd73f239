package dev.parley.web;

/** Named people the web tests sign up. On a fresh server the first one to register is the admin. */
record Person(String username, String password) {

    static final Person ALICE = new Person("alice", "alice-secret-1");
    static final Person BOB = new Person("bob", "bob-secret-22");
    static final Person CAROL = new Person("carol", "carol-secret-333");
    static final Person DAVE = new Person("dave", "dave-secret-4444");
}
