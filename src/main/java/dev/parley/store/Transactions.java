package dev.parley.store;

/** Runs work in a transaction: committed when it returns, rolled back when it throws. */
interface Transactions {

    <T> T tx(Jdbc.Work<T> work);
}
