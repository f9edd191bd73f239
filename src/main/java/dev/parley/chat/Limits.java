package dev.parley.chat;

/**
 * How much one person, or one network address, may do. Each rate holds across all of a person's
 * sockets and HTTP requests, and across instances when they share Redis.
 *
 * @param messages messages a person may post (socket and HTTP together)
 * @param typing typing-starts a person may send
 * @param joins rooms a person may join
 * @param roomCreation rooms a person may create
 * @param roomsPerPerson rooms (public or private) a person may own at once
 * @param apiCalls HTTP API requests a signed-in person may make
 * @param socketsPerPerson sockets a person may hold open on one instance
 * @param socketOpenings sockets a person may open, across every instance: with the cap above, a
 *     program gone wrong cannot hold thousands by spreading them over instances
 * @param loginsPerAddress sign-in attempts from one address, right or wrong
 * @param registrationsPerAddress sign-ups from one address
 * @param hashConcurrency password hashes computed at once; more wait briefly, then are refused
 */
public record Limits(
        Rate messages,
        Rate typing,
        Rate joins,
        Rate roomCreation,
        int roomsPerPerson,
        Rate apiCalls,
        int socketsPerPerson,
        Rate socketOpenings,
        Rate loginsPerAddress,
        Rate registrationsPerAddress,
        int hashConcurrency) {

    /** Limits that fit people, not bots gone wrong. */
    public static Limits defaults() {
        return new Limits(
                Rate.parse("10/s,20"),
                Rate.parse("5/s,10"),
                Rate.parse("30/m,30"),
                Rate.parse("10/h,10"),
                100,
                Rate.parse("20/s,100"),
                20,
                Rate.parse("30/m,60"),
                Rate.parse("30/m,30"),
                Rate.parse("10/h,10"),
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * Loose enough for test suites and benchmarks, which post bursts of hundreds and sign up dozens
     * from one address; the login throttle and the hashing bound stay as in production.
     */
    public static Limits generous() {
        Rate lots = Rate.parse("100000/s,100000");
        Limits d = defaults();
        return new Limits(lots, lots, lots, lots, 100_000, lots, 1_000, lots, lots, lots, d.hashConcurrency);
    }

    public Limits withMessages(Rate rate) {
        return new Limits(
                rate,
                typing,
                joins,
                roomCreation,
                roomsPerPerson,
                apiCalls,
                socketsPerPerson,
                socketOpenings,
                loginsPerAddress,
                registrationsPerAddress,
                hashConcurrency);
    }

    public Limits withTyping(Rate rate) {
        return new Limits(
                messages,
                rate,
                joins,
                roomCreation,
                roomsPerPerson,
                apiCalls,
                socketsPerPerson,
                socketOpenings,
                loginsPerAddress,
                registrationsPerAddress,
                hashConcurrency);
    }

    public Limits withJoins(Rate rate) {
        return new Limits(
                messages,
                typing,
                rate,
                roomCreation,
                roomsPerPerson,
                apiCalls,
                socketsPerPerson,
                socketOpenings,
                loginsPerAddress,
                registrationsPerAddress,
                hashConcurrency);
    }

    public Limits withRoomCreation(Rate rate, int maxOwned) {
        return new Limits(
                messages,
                typing,
                joins,
                rate,
                maxOwned,
                apiCalls,
                socketsPerPerson,
                socketOpenings,
                loginsPerAddress,
                registrationsPerAddress,
                hashConcurrency);
    }

    public Limits withApiCalls(Rate rate) {
        return new Limits(
                messages,
                typing,
                joins,
                roomCreation,
                roomsPerPerson,
                rate,
                socketsPerPerson,
                socketOpenings,
                loginsPerAddress,
                registrationsPerAddress,
                hashConcurrency);
    }

    public Limits withSocketsPerPerson(int max) {
        return new Limits(
                messages,
                typing,
                joins,
                roomCreation,
                roomsPerPerson,
                apiCalls,
                max,
                socketOpenings,
                loginsPerAddress,
                registrationsPerAddress,
                hashConcurrency);
    }

    public Limits withSocketOpenings(Rate rate) {
        return new Limits(
                messages,
                typing,
                joins,
                roomCreation,
                roomsPerPerson,
                apiCalls,
                socketsPerPerson,
                rate,
                loginsPerAddress,
                registrationsPerAddress,
                hashConcurrency);
    }

    public Limits withAddressLimits(Rate logins, Rate registrations) {
        return new Limits(
                messages,
                typing,
                joins,
                roomCreation,
                roomsPerPerson,
                apiCalls,
                socketsPerPerson,
                socketOpenings,
                logins,
                registrations,
                hashConcurrency);
    }

    public Limits withHashConcurrency(int n) {
        return new Limits(
                messages,
                typing,
                joins,
                roomCreation,
                roomsPerPerson,
                apiCalls,
                socketsPerPerson,
                socketOpenings,
                loginsPerAddress,
                registrationsPerAddress,
                n);
    }
}
