package dev.parley.testing;

/** Named people the web tests sign up. On a fresh server the first one to register is the admin. */
public record Person(String username, String password) {

    public static final Person ALICE = new Person("alice", "alice-secret-1");
    public static final Person BOB = new Person("bob", "bob-secret-22");
    public static final Person CAROL = new Person("carol", "carol-secret-333");
    public static final Person DAVE = new Person("dave", "dave-secret-4444");
}
