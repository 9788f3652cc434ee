package org.careledger.node.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NonceCacheTest {
    @Test
    void aNonceIsAcceptedOncePerCallerWhileItsSignatureLives() {
        NonceCache cache = new NonceCache(10);
        assertThat(cache.remember("hospital-a/dr-lee", "n1", 1_000, 0)).isEqualTo(NonceCache.Outcome.FRESH);
        assertThat(cache.remember("hospital-a/dr-lee", "n1", 1_000, 10)).isEqualTo(NonceCache.Outcome.REPLAYED);
        assertThat(cache.remember("patient/p-1", "n1", 1_000, 10)).as("another caller's nonce")
                .isEqualTo(NonceCache.Outcome.FRESH);
        // once no signature carrying it could be accepted any more, remembering it is pointless
        assertThat(cache.remember("hospital-a/dr-lee", "n1", 2_000, 1_000)).isEqualTo(NonceCache.Outcome.FRESH);
    }

    @Test
    void aFullCacheRefusesInsteadOfGrowingAndFreesRoomAsNoncesExpire() {
        NonceCache cache = new NonceCache(3);
        for (int i = 0; i < 3; i++) {
            assertThat(cache.remember("c", "n" + i, 1_000, 0)).isEqualTo(NonceCache.Outcome.FRESH);
        }
        assertThat(cache.remember("c", "n3", 1_000, 0)).isEqualTo(NonceCache.Outcome.FULL);
        assertThat(cache.size()).isEqualTo(3);
        // the periodic sweep drops the expired ones
        assertThat(cache.remember("c", "n3", 20_000, 10_000)).isEqualTo(NonceCache.Outcome.FRESH);
        assertThat(cache.size()).isEqualTo(1);
    }
}
