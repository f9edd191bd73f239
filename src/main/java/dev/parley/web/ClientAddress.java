package dev.parley.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is on the other end, for limits per address: the socket's peer. {@code X-Forwarded-For} is
 * believed only when the peer is one of the configured proxies (anyone else could write any
 * address into it and walk around every limit); then the client is the nearest address in it that
 * is not itself a trusted proxy.
 */
final class ClientAddress extends HttpFilter {

    static final String ATTRIBUTE = "parley.clientAddress";

    private final Set<InetAddress> proxies;

    ClientAddress(List<String> trustedProxies) {
        this.proxies = trustedProxies.stream()
                .map(ClientAddress::parse)
                .filter(a -> a != null)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        req.setAttribute(ATTRIBUTE, of(req));
        chain.doFilter(req, res);
    }

    String of(HttpServletRequest req) {
        String peer = req.getRemoteAddr();
        if (proxies.isEmpty() || !proxies.contains(parse(peer))) return peer;
        String forwarded = req.getHeader("X-Forwarded-For");
        if (forwarded == null) return peer;
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            InetAddress address = parse(hop);
            if (address == null) return peer;
            if (!proxies.contains(address)) return address.getHostAddress();
        }
        return peer;
    }

    /** An IP literal, or null; never a name lookup. */
    private static InetAddress parse(String text) {
        if (text == null) return null;
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (t.isEmpty() || !t.matches("[0-9a-fA-F:.]+")) return null;
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
