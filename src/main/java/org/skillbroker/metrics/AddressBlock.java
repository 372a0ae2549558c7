package org.skillbroker.metrics;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IP address or CIDR block ({@code 10.0.0.0/8}, {@code ::1}); only literal addresses, never a DNS lookup. */
public record AddressBlock(byte[] network, int prefixBits) {

    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    public static AddressBlock parse(String text) {
        String[] parts = text.trim().split("/", 2);
        byte[] address = literal(parts[0]);
        int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
        if (bits < 0 || bits > address.length * 8) {
            throw new IllegalArgumentException("bad prefix length in " + text);
        }
        return new AddressBlock(address, bits);
    }

    public boolean contains(String clientAddress) {
        byte[] address;
        try {
            address = literal(clientAddress);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (address.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefixBits; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] literal(String text) {
        if (text == null || !LITERAL.matcher(text).matches()) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        try {
            return InetAddress.getByName(text).getAddress(); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
    }
}
