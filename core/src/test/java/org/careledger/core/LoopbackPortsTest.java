package org.careledger.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {
    @Test
    void portsComeFromBelowTheEphemeralRangeAreBindableAndNeverHandedOutTwice() throws IOException {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        int ephemeralLow = 49_152;
        if (Files.isReadable(range)) {
            try (var in = Files.newBufferedReader(range)) {
                ephemeralLow = Integer.parseInt(in.readLine().strip().split("\\s+")[0]);
            }
        }
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = LoopbackPorts.free();
            assertThat(port).isBetween(10_000, ephemeralLow - 1);
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(s.getLocalPort()).isEqualTo(port);
            }
        }
        int base = LoopbackPorts.freeBase(4);
        for (int i = 1; i <= 4; i++) {
            for (int port : new int[] {base + i, base + 100 + i}) {
                assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
                try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    assertThat(s.getLocalPort()).isEqualTo(port);
                }
            }
        }
        assertThatThrownBy(() -> LoopbackPorts.freeBase(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
