package io.waspada.e2e.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** What Linux's {@code /proc} says about processes and listening sockets, for the launcher's tests. */
final class Processes {

    private static final String LISTEN = "0A";

    private Processes() {
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    /** The PIDs of the live processes whose process group is {@code pgid}. */
    static List<Long> inGroup(long pgid) {
        List<Long> members = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.filter(path -> path.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(entry.resolve("stat"));
                    // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so split after the last ')'.
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(fields[2]) == pgid && !fields[0].equals("Z")) {
                        members.add(Long.parseLong(entry.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended while it was read
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return members;
    }

    /** The local addresses of the TCP sockets listening on {@code port} (IPv4, and IPv6 with mapped IPv4 shown as such). */
    static Set<String> listeners(int port) throws IOException {
        Set<String> addresses = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            // Read once: the table changes between two reads.
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (fields[3].equals(LISTEN) && Integer.parseInt(local[1], 16) == port) {
                    addresses.add(address(local[0]));
                }
            }
        }
        return addresses;
    }

    /** /proc's hex address (each 32-bit word in host byte order, little-endian here) as text. */
    private static String address(String hex) {
        if (hex.length() == 8) {
            return ipv4(hex);
        }
        if (hex.startsWith("0000000000000000FFFF0000")) {
            return ipv4(hex.substring(24));
        }
        return hex.equals("00000000000000000000000000000000") ? "::" : "ipv6:" + hex;
    }

    private static String ipv4(String hex) {
        long value = Long.parseLong(hex, 16);
        return (value & 0xff) + "." + (value >> 8 & 0xff) + "." + (value >> 16 & 0xff) + "." + (value >> 24 & 0xff);
    }
}
