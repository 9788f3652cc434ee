package org.careledger.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.util.TimeDuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Ratis client against a real (at first unreachable) Raft server on loopback: once an ordered send runs out of
 * retries, Ratis' own client fails every later send; the renewing client sends the next one through a new client
 * and reaches the server once it is up.
 */
class RenewingRaftClientTest {
    @TempDir
    Path dir;

    @Test
    void aSpentClientIsReplacedAndTheNextSendReachesTheServer() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RaftPeer peer = RaftPeer.newBuilder().setId(RaftPeerId.valueOf("n1")).setAddress("127.0.0.1:" + port).build();
        RaftGroup group = RaftGroup.valueOf(RaftGroupId.valueOf(UUID.randomUUID()), List.of(peer));
        RaftProperties clientProps = new RaftProperties();
        org.apache.ratis.client.RaftClientConfigKeys.Rpc.setRequestTimeout(clientProps,
                TimeDuration.valueOf(1, TimeUnit.SECONDS));

        try (RaftClient plain = client(group, clientProps);
             RenewingRaftClient renewing = new RenewingRaftClient("test", () -> client(group, clientProps))) {
            // the server is down: both run out of retries
            assertSpent(() -> plain.async().send(message("a")).get(20, TimeUnit.SECONDS));
            assertSpent(() -> renewing.send(message("b")).get(20, TimeUnit.SECONDS));
            assertThat(renewing.renewals()).isGreaterThanOrEqualTo(1);

            try (RaftServer server = server(group, peer, port)) {
                server.start();
                // Ratis' own client stays spent although the server is up now
                assertThatThrownBy(() -> plain.async().send(message("c")).get(20, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(AlreadyClosedException.class);
                // the renewing one reaches it (retrying as the block signer does, while the server elects itself)
                RaftClientReply reply = null;
                for (int attempt = 0; attempt < 20 && reply == null; attempt++) {
                    try {
                        reply = renewing.send(message("d")).get(20, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        assertThat(RenewingRaftClient.spent(e.getCause())).as(e.toString()).isTrue();
                        Thread.sleep(200);
                    }
                }
                assertThat(reply).isNotNull();
                assertThat(reply.isSuccess()).isTrue();
            }
        }
    }

    private static void assertSpent(org.assertj.core.api.ThrowableAssert.ThrowingCallable send) {
        assertThatThrownBy(send).isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(RenewingRaftClient.spent(e.getCause())).as(e.toString()).isTrue());
    }

    @Test
    void onlyRetryExhaustionAndClosedWindowsCountAsSpent() {
        assertThat(RenewingRaftClient.spent(new java.util.concurrent.CompletionException(
                new AlreadyClosedException("closed")))).isTrue();
        assertThat(RenewingRaftClient.spent(new java.util.concurrent.TimeoutException())).isFalse();
        assertThat(RenewingRaftClient.spent(new IllegalStateException("other"))).isFalse();
    }

    private static RaftClient client(RaftGroup group, RaftProperties props) {
        return RaftClient.newBuilder().setClientId(ClientId.randomId()).setRaftGroup(group).setProperties(props)
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(3,
                        TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)))
                .build();
    }

    private RaftServer server(RaftGroup group, RaftPeer peer, int port) throws java.io.IOException {
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(dir.resolve("raft").toFile()));
        GrpcConfigKeys.Server.setHost(p, "127.0.0.1");
        GrpcConfigKeys.Server.setPort(p, port);
        return RaftServer.newBuilder().setServerId(peer.getId()).setGroup(group).setProperties(p)
                .setStateMachine(new BaseStateMachine()).build();
    }

    private static Message message(String s) {
        return Message.valueOf(s);
    }
}
