package org.careledger.contracts.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.careledger.core.CareledgerException;
import org.careledger.core.contract.ContractException;
import org.careledger.core.contract.Identity;
import org.careledger.core.contract.StateKeys;

/** Invariants of the membership contract over generated inputs. */
class MembershipContractPropertiesTest {
    /** Whatever the argument bytes, the contract answers with a ContractException or success, never anything else. */
    @Property(tries = 300)
    void arbitraryArgumentsOnlyEverGiveContractErrors(@ForAll("args") byte[] args, @ForAll("methods") String method) {
        MembershipContractTest base = new MembershipContractTest();
        base.consortium();
        FakeContractContext ctx = base.ctx;
        Identity adminA = base.adminA;
        try {
            Optional<ContractException> e = ctx.as(adminA).call(new MembershipContract(), method, args);
            e.ifPresent(ex -> assertThat(ex.code()).matches("[A-Z][A-Z0-9_]*"));
        } catch (RuntimeException e) {
            throw new AssertionError("contract threw " + e + " for " + new String(args), e);
        }
    }

    @Provide
    Arbitrary<byte[]> args() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<byte[]> json = Arbitraries.of("{}", "{\"name\":null}", "{\"name\":\"dr-lee\",\"certificate\":\"x\"}",
                "{\"name\":1}", "{\"name\":[]}", "{\"name\":\"dr-lee\"}", "{\"name\":{}}", "\"str\"", "7", "[]",
                "{\"name\":\"dr-lee\",\"certificate\":\"-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\"}",
                "{\"name\":\"dr-lee\",\"reason\":5}").map(String::getBytes);
        return Arbitraries.oneOf(raw, json);
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("registerMember", "revokeMember", "other");
    }

    /** Registration succeeds exactly for names matching the pattern that are not reserved. */
    @Property(tries = 150)
    void registrationAcceptsExactlyTheValidNames(@ForAll("names") String name) {
        MembershipContractTest base = new MembershipContractTest();
        base.consortium();
        FakeContractContext ctx = base.ctx;
        Identity adminA = base.adminA;
        String pem;
        try {
            pem = MembershipContractTest.cert(MembershipContractTest.CA_A, name, "nurse");
        } catch (CareledgerException e) {
            Assume.that(false); // the CA would not issue such a name anyway
            return;
        }
        boolean valid = name.matches("[a-z0-9][a-z0-9._-]{0,62}") && !name.equals("admin") && !name.equals("node");
        Optional<ContractException> e = ctx.as(adminA).call(new MembershipContract(), "registerMember", MembershipContractTest.register(name, pem));
        if (valid) {
            assertThat(e).isEmpty();
            assertThat(ctx.committed).containsKey(StateKeys.identity("hospital-a/" + name));
        } else {
            assertThat(e).isPresent();
            assertThat(e.get().code()).isEqualTo("MEMBER_NAME_INVALID");
        }
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> random = Arbitraries.strings().withChars("abz09.-_/A ").ofMinLength(1).ofMaxLength(66);
        return Arbitraries.oneOf(random, Arbitraries.of("admin", "node", "a", "0", "dr-lee", "dr.lee_2"));
    }
}
